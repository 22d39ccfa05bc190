import * as AvatarPrimitive from '@radix-ui/react-avatar';

/** The initials of a name, e.g. "AL" for "Ada Lovelace". */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1 ? parts[0]![0]! + parts.at(-1)![0]! : (parts[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

/**
 * A person: their picture when there is one, else their initials on their
 * colour. `ring` marks them (e.g. "in this note"). Decorative unless `label`.
 */
export function Avatar({
  name,
  color,
  src,
  size = 28,
  ring,
  label,
}: {
  name: string;
  color: string;
  src?: string;
  size?: number;
  ring?: boolean;
  label?: string;
}) {
  return (
    <AvatarPrimitive.Root
      className={`ui-avatar${ring ? ' ui-avatar--ring' : ''}`}
      style={{ width: size, height: size, fontSize: Math.round(size * 0.4), background: color }}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    >
      {src && <AvatarPrimitive.Image src={src} alt="" className="ui-avatar__image" />}
      <AvatarPrimitive.Fallback>{initialsOf(name)}</AvatarPrimitive.Fallback>
    </AvatarPrimitive.Root>
  );
}
