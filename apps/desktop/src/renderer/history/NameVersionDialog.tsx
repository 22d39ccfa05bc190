import { isFieldbookError } from '@fieldbook/shared';
import { useState } from 'react';
import { Button, Dialog, DialogClose, DialogContent, Field, Input, toast } from '../ui';
import type { HistoryApi } from './historyApi';

/** Asks for a name and names the document's current state. */
export function NameVersionDialog({
  api,
  onClose,
  onNamed,
}: {
  api: HistoryApi;
  onClose: () => void;
  onNamed: () => void;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!name.trim()) return setError('Give the version a name');
    setSaving(true);
    try {
      const v = await api.nameVersion(name.trim());
      toast({ title: `Named “${v.name}”`, tone: 'success' });
      onNamed();
      onClose();
    } catch (err) {
      setError(isFieldbookError(err) ? err.message : 'The version could not be named');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent
        title="Name this version"
        description="A name marks the document as it is now, so you can find it and bring it back later."
        size="sm"
        footer={
          <>
            <DialogClose asChild>
              <Button variant="ghost">Cancel</Button>
            </DialogClose>
            <Button variant="primary" loading={saving} onClick={() => void save()}>
              Name version
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
          <Field label="Version name" error={error}>
            {(ids) => (
              <Input
                {...ids}
                autoFocus
                maxLength={200}
                value={name}
                placeholder="e.g. Before the calibration"
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
