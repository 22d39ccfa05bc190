import { Check, Copy } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button, Field, Input } from '../ui';

/**
 * A value to pass on (an invitation link, a key, a command): shown read-only
 * in full, with a Copy button. If the clipboard is refused, the text is
 * selected so Ctrl/⌘+C still works.
 */
export function CopyField({
  label,
  value,
  hint,
  multiline = false,
}: {
  label: string;
  value: string;
  hint?: string;
  multiline?: boolean;
}) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      ref.current?.select();
    }
  };
  return (
    <Field label={label} hint={hint}>
      {(ids) => (
        <div className="copy-field">
          {multiline ? (
            <textarea
              {...ids}
              ref={ref}
              className="ui-textarea copy-field__value"
              readOnly
              rows={3}
              value={value}
              onFocus={(e) => e.currentTarget.select()}
            />
          ) : (
            <Input
              {...ids}
              ref={ref}
              className="copy-field__value"
              readOnly
              value={value}
              onFocus={(e) => e.currentTarget.select()}
            />
          )}
          <Button
            icon={copied ? <Check size={15} /> : <Copy size={15} />}
            onClick={() => void copy()}
            aria-label={`Copy ${label.toLowerCase()}`}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
      )}
    </Field>
  );
}
