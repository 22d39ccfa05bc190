import { Monitor, Moon, Sun } from 'lucide-react';
import type { ShellActions } from '../actions';
import { DesktopNoticesPreference } from '../notifications/DesktopNoticesPreference';
import type { Session } from '../session/session';
import {
  Button,
  Dialog,
  DialogContent,
  Kbd,
  SegmentedControl,
  useTheme,
  type ThemePreference,
} from '../ui';

const SHORTCUTS: [string, string][] = [
  ['New note', 'Mod+N'],
  ['New note (in a browser)', 'Alt+N'],
  ['Undo your own edits', 'Mod+Z'],
  ['Redo', 'Mod+Shift+Z'],
  ['Preferences', 'Mod+,'],
  ['Rename in the sidebar', 'F2'],
  ['Close a dialog or menu', 'Escape'],
];

/**
 * Preferences: appearance (light, dark, or the system's), desktop
 * notifications (signed in to a server), the session in use, shortcuts.
 */
export function PreferencesDialog({
  open,
  session,
  actions,
}: {
  open: boolean;
  session: Session | null;
  actions: ShellActions;
}) {
  const { preference, setPreference } = useTheme();
  return (
    <Dialog open={open} onOpenChange={(o) => actions.setPreferencesOpen(o)}>
      <DialogContent
        title="Preferences"
        footer={
          <Button variant="primary" onClick={() => actions.setPreferencesOpen(false)}>
            Done
          </Button>
        }
      >
        <section className="prefs-section" aria-labelledby="prefs-theme">
          <h3 id="prefs-theme" className="prefs-section__title">
            Appearance
          </h3>
          <SegmentedControl
            aria-label="Theme"
            value={preference}
            onValueChange={(v) => setPreference(v as ThemePreference)}
            segments={[
              {
                value: 'light',
                label: (
                  <>
                    <Sun size={14} aria-hidden="true" /> Light
                  </>
                ),
              },
              {
                value: 'dark',
                label: (
                  <>
                    <Moon size={14} aria-hidden="true" /> Dark
                  </>
                ),
              },
              {
                value: 'system',
                label: (
                  <>
                    <Monitor size={14} aria-hidden="true" /> System
                  </>
                ),
              },
            ]}
          />
          <p className="muted small">System follows your computer’s light or dark setting.</p>
        </section>
        {session?.kind === 'server' && <DesktopNoticesPreference />}
        {session && (
          <section className="prefs-section" aria-labelledby="prefs-account">
            <h3 id="prefs-account" className="prefs-section__title">
              Account
            </h3>
            {session.kind === 'server' ? (
              <p>
                Signed in as <strong>{session.userName}</strong> ({session.email}) to{' '}
                <code>{session.serverUrl}</code>.
              </p>
            ) : (
              <p>Working offline with a local profile. Nothing leaves this machine.</p>
            )}
          </section>
        )}
        <section className="prefs-section" aria-labelledby="prefs-keys">
          <h3 id="prefs-keys" className="prefs-section__title">
            Keyboard shortcuts
          </h3>
          <dl className="prefs-shortcuts">
            {SHORTCUTS.map(([what, keys]) => (
              <div key={what}>
                <dt>{what}</dt>
                <dd>
                  <Kbd shortcut={keys} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </DialogContent>
    </Dialog>
  );
}
