import { useId, type ComponentProps, type ReactNode } from 'react';

/** Props of Input: a native input plus a size. */
export interface InputProps extends Omit<ComponentProps<'input'>, 'size'> {
  size?: 'sm' | 'md' | 'lg';
  /** An icon inside the field, before the text. */
  icon?: ReactNode;
}

/** A text input. */
export function Input({ size = 'md', icon, className, ...rest }: InputProps) {
  const input = (
    <input
      className={`ui-input ui-input--${size}${icon ? ' ui-input--with-icon' : ''}${className ? ` ${className}` : ''}`}
      {...rest}
    />
  );
  if (!icon) return input;
  return (
    <span className="ui-input-wrap">
      <span className="ui-input-icon" aria-hidden="true">
        {icon}
      </span>
      {input}
    </span>
  );
}

/** A multi-line text input. */
export function TextArea({ className, ...rest }: ComponentProps<'textarea'>) {
  return <textarea className={`ui-textarea${className ? ` ${className}` : ''}`} {...rest} />;
}

/**
 * A labelled form field: label above, the control, then a hint or an error
 * (announced, and tied to the control with aria-describedby).
 */
export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** Receives the ids to put on the control. */
  children: (ids: {
    id: string;
    'aria-describedby'?: string;
    'aria-invalid'?: boolean;
  }) => ReactNode;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className="ui-field">
      <label className="ui-field__label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        'aria-describedby': note ? noteId : undefined,
        'aria-invalid': error ? true : undefined,
      })}
      {note && (
        <p
          id={noteId}
          className={error ? 'ui-field__error' : 'ui-field__hint'}
          role={error ? 'alert' : undefined}
        >
          {note}
        </p>
      )}
    </div>
  );
}

/**
 * The common case of Field: a required single-line input with its label and
 * hint, holding a string (sign-in, invitation and password forms).
 */
export function TextField({
  label,
  hint,
  value,
  onChange,
  ...input
}: Omit<InputProps, 'value' | 'onChange'> & {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field label={label} hint={hint}>
      {(ids) => (
        <Input
          required
          {...input}
          {...ids}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
