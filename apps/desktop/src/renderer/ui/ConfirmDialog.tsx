import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { Button } from './Button';

/** What a confirmation asks. */
export interface ConfirmOptions {
  title: string;
  /** What will happen, in plain words (what is lost, whether it can be undone). */
  description: ReactNode;
  /** The confirming button's label: a verb, e.g. "Delete forever". */
  confirmLabel: string;
  cancelLabel?: string;
  /** Red confirm button: the action destroys something. */
  destructive?: boolean;
}

type Ask = (options: ConfirmOptions) => Promise<boolean>;
const ConfirmContext = createContext<Ask | null>(null);

/**
 * Mount once near the root; then `const confirm = useConfirm()` and
 * `if (await confirm({...})) destroy()`. Focus starts on Cancel, so Enter
 * never destroys by accident; Escape cancels.
 */
export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [asked, setAsked] = useState<ConfirmOptions | null>(null);
  const answer = useRef<((ok: boolean) => void) | null>(null);
  const ask = useCallback<Ask>(
    (options) =>
      new Promise<boolean>((resolve) => {
        answer.current?.(false);
        answer.current = resolve;
        setAsked(options);
      }),
    [],
  );
  const settle = (ok: boolean) => {
    answer.current?.(ok);
    answer.current = null;
    setAsked(null);
  };
  return (
    <ConfirmContext.Provider value={ask}>
      {children}
      <AlertDialog.Root open={asked !== null} onOpenChange={(open) => !open && settle(false)}>
        {asked && (
          <AlertDialog.Portal>
            <AlertDialog.Overlay className="ui-overlay" />
            <AlertDialog.Content className="ui-dialog ui-dialog--sm">
              <header className="ui-dialog__header">
                <AlertDialog.Title className="ui-dialog__title">{asked.title}</AlertDialog.Title>
              </header>
              <AlertDialog.Description className="ui-dialog__description">
                {asked.description}
              </AlertDialog.Description>
              <footer className="ui-dialog__footer">
                <AlertDialog.Cancel asChild>
                  <Button>{asked.cancelLabel ?? 'Cancel'}</Button>
                </AlertDialog.Cancel>
                <AlertDialog.Action asChild>
                  <Button
                    variant={asked.destructive ? 'danger' : 'primary'}
                    onClick={() => settle(true)}
                  >
                    {asked.confirmLabel}
                  </Button>
                </AlertDialog.Action>
              </footer>
            </AlertDialog.Content>
          </AlertDialog.Portal>
        )}
      </AlertDialog.Root>
    </ConfirmContext.Provider>
  );
}

/** The confirm function of the nearest ConfirmProvider: resolves true when the user confirms. */
export function useConfirm(): Ask {
  const ask = useContext(ConfirmContext);
  if (!ask) throw new Error('useConfirm needs a ConfirmProvider above it');
  return ask;
}
