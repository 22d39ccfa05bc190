import { isFieldbookError } from '@fieldbook/shared';
import { useState, type ReactNode } from 'react';
import { Button, Dialog, DialogClose, DialogContent, Field, Input } from '../ui';

/**
 * A small dialog that asks for one name and runs `onSubmit` with it (the
 * shared form of "Name this version" and "Branch"): an empty name and a
 * failed call show their message under the field; success closes it.
 */
export function NamePromptDialog({
  title,
  description,
  label,
  initial = '',
  placeholder,
  maxLength,
  submitLabel,
  emptyText,
  failureText,
  onSubmit,
  onClose,
}: {
  title: string;
  description: ReactNode;
  label: string;
  initial?: string;
  placeholder?: string;
  maxLength: number;
  submitLabel: string;
  /** Shown when the name is left empty. */
  emptyText: string;
  /** Shown when the call fails without a message of its own. */
  failureText: string;
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!name.trim()) return setError(emptyText);
    setSaving(true);
    try {
      await onSubmit(name.trim());
      onClose();
    } catch (err) {
      setError(isFieldbookError(err) ? err.message : failureText);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title={title}
        description={description}
        size="sm"
        footer={
          <>
            <DialogClose asChild>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            <Button variant="primary" loading={saving} onClick={() => void save()}>
              {submitLabel}
            </Button>
          </>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field label={label} error={error}>
            {(ids) => (
              <Input
                {...ids}
                autoFocus
                maxLength={maxLength}
                value={name}
                placeholder={placeholder}
                onChange={(e) => {
                  setName(e.target.value);
                  setError(null);
                }}
              />
            )}
          </Field>
        </form>
      </DialogContent>
    </Dialog>
  );
}
