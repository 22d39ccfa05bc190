import { toast } from '../ui';
import type { HistoryApi } from './historyApi';
import { NamePromptDialog } from './NamePromptDialog';

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
  return (
    <NamePromptDialog
      title="Name this version"
      description="A name marks the document as it is now, so you can find it and bring it back later."
      label="Version name"
      placeholder="e.g. Before the calibration"
      maxLength={200}
      submitLabel="Name version"
      emptyText="Give the version a name"
      failureText="The version could not be named"
      onClose={onClose}
      onSubmit={async (name) => {
        const v = await api.nameVersion(name);
        toast({ title: `Named “${v.name}”`, tone: 'success' });
        onNamed();
      }}
    />
  );
}
