import type { ReactNode } from 'react';

/**
 * What a screen shows when it has nothing yet: an icon, a title, a sentence
 * saying what to do, and the buttons to do it.
 */
export function EmptyState({
  icon,
  title,
  children,
  actions,
  headingLevel = 2,
}: {
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  headingLevel?: 1 | 2 | 3;
}) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="ui-empty">
      {icon && (
        <div className="ui-empty__icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <Heading className="ui-empty__title">{title}</Heading>
      {children && <div className="ui-empty__text">{children}</div>}
      {actions && <div className="ui-empty__actions">{actions}</div>}
    </div>
  );
}
