import * as ToastPrimitive from '@radix-ui/react-toast';
import { X } from 'lucide-react';
import { useSyncExternalStore, type ReactNode } from 'react';

/** A short message in the corner; with an action (e.g. Undo) it stays a little longer. */
export interface ToastOptions {
  title: string;
  description?: ReactNode;
  tone?: 'neutral' | 'success' | 'warning' | 'danger';
  /** A button in the toast, e.g. { label: 'Undo', onClick: restore }. */
  action?: { label: string; onClick: () => void };
  /** Milliseconds before it goes (default 5 s, 8 s with an action). */
  duration?: number;
}

interface Shown extends ToastOptions {
  readonly id: number;
}

let next = 1;
let shown: readonly Shown[] = [];
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Shows a toast from anywhere (React or not); returns its id for dismissToast. */
export function toast(options: ToastOptions): number {
  const id = next++;
  shown = [...shown.slice(-3), { ...options, id }];
  emit();
  return id;
}

/** Removes a toast. */
export function dismissToast(id: number): void {
  shown = shown.filter((t) => t.id !== id);
  emit();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** Mount once near the root: renders the toasts `toast()` asks for, announced politely. */
export function Toaster() {
  const toasts = useSyncExternalStore(subscribe, () => shown);
  return (
    <ToastPrimitive.Provider swipeDirection="right">
      {toasts.map((t) => (
        <ToastPrimitive.Root
          key={t.id}
          className={`ui-toast ui-toast--${t.tone ?? 'neutral'}`}
          duration={t.duration ?? (t.action ? 8000 : 5000)}
          onOpenChange={(open) => !open && dismissToast(t.id)}
        >
          <div className="ui-toast__text">
            <ToastPrimitive.Title className="ui-toast__title">{t.title}</ToastPrimitive.Title>
            {t.description && (
              <ToastPrimitive.Description className="ui-toast__description">
                {t.description}
              </ToastPrimitive.Description>
            )}
          </div>
          {t.action && (
            <ToastPrimitive.Action asChild altText={t.action.label}>
              <button
                type="button"
                className="ui-button ui-button--secondary ui-button--sm"
                onClick={t.action.onClick}
              >
                {t.action.label}
              </button>
            </ToastPrimitive.Action>
          )}
          <ToastPrimitive.Close className="ui-toast__close" aria-label="Dismiss">
            <X size={14} aria-hidden="true" />
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport className="ui-toast-viewport" label="Notifications ({hotkey})" />
    </ToastPrimitive.Provider>
  );
}
