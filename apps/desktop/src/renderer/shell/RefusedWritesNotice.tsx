import { Copy } from 'lucide-react';
import { useRef } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import type { RefusedWrite } from '../sync/refusedWrites';
import { Button, Dialog, DialogContent, TextArea, toast } from '../ui';

/** Copies text to the clipboard, falling back to the selected field where the API is refused. */
async function copy(text: string, field: HTMLTextAreaElement | null): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    field?.select();
    if (!document.execCommand('copy')) throw new Error('copy refused');
  }
}

function removalsText(n: number): string {
  return n === 1 ? 'One removal was undone.' : `${n} removals were undone.`;
}

function RefusedEntry({ refused }: { refused: RefusedWrite }) {
  const field = useRef<HTMLTextAreaElement>(null);
  const id = `refused-${refused.docId}`;
  return (
    <section className="refused" aria-labelledby={`${id}-title`}>
      <h3 className="refused__title" id={`${id}-title`}>
        {refused.what}
      </h3>
      <p className="refused__reason">The server said: {refused.reason}.</p>
      {refused.text && (
        <>
          <TextArea
            ref={field}
            className="refused__text"
            aria-label={`Not saved in ${refused.what}`}
            value={refused.text}
            readOnly
            rows={Math.min(
              10,
              refused.text.split('\n').length + Math.ceil(refused.text.length / 60),
            )}
          />
          <Button
            size="sm"
            icon={<Copy size={14} aria-hidden="true" />}
            onClick={() =>
              void copy(refused.text, field.current).then(
                () => toast({ title: 'Copied', tone: 'success' }),
                () =>
                  toast({ title: 'Copying failed: select the text and copy it', tone: 'danger' }),
              )
            }
          >
            Copy
          </Button>
        </>
      )}
      {refused.removals > 0 && (
        <p className="refused__removals">{removalsText(refused.removals)}</p>
      )}
    </section>
  );
}

/**
 * Tells the user, once, which of their changes the server refused: they were
 * removed from this device and will not be sent, so the text is offered for
 * copying before the notice closes.
 */
export function RefusedWritesNotice({
  state,
  actions,
}: {
  state: AppState;
  actions: ShellActions;
}) {
  const refused = state.refusedWrites;
  return (
    <Dialog
      open={refused !== null}
      onOpenChange={(open) => !open && actions.dismissRefusedWrites()}
    >
      {refused && (
        <DialogContent
          // Keys still on their way land in the read-only text, never on a button.
          onOpenAutoFocus={(e) => {
            const text = document.querySelector<HTMLTextAreaElement>('.refused__text');
            if (!text) return;
            e.preventDefault();
            text.focus();
          }}
          title="Your changes were not saved"
          description="The server refused them — your role in this workspace may have changed. They were removed from this device and will not be sent. Copy anything you want to keep before closing."
          footer={<Button onClick={() => actions.dismissRefusedWrites()}>Close</Button>}
        >
          {refused.map((r) => (
            <RefusedEntry key={r.docId} refused={r} />
          ))}
        </DialogContent>
      )}
    </Dialog>
  );
}
