import { KeyRound, LogOut, Settings } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { actorId, userColor } from '../session/session';
import {
  Avatar,
  initialsOf,
  Menu,
  MenuContent,
  MenuItem,
  MenuLabel,
  MenuSeparator,
  MenuTrigger,
} from '../ui';
import { ACCOUNT_MENU_ITEMS } from './registry';

const ChangePasswordDialog = lazy(() =>
  import('../team/ChangePasswordDialog').then((m) => ({ default: m.ChangePasswordDialog })),
);

/**
 * The signed-in person at the top right: who, the registry's entries, change
 * password (server accounts), Preferences, sign out.
 */
export function AccountMenu({ state, actions }: { state: AppState; actions: ShellActions }) {
  const { session } = state;
  const [changingPassword, setChangingPassword] = useState(false);
  if (!session) return null;
  const name = session.kind === 'server' ? session.userName : 'Local profile';
  const items = ACCOUNT_MENU_ITEMS.filter((i) => !i.visible || i.visible(state));
  return (
    <>
      <Menu>
        <MenuTrigger asChild>
          <button
            type="button"
            className="account-button"
            aria-label={`${initialsOf(session.userName || name)}: account of ${name}`}
          >
            <Avatar name={session.userName || name} color={userColor(actorId(session))} size={26} />
          </button>
        </MenuTrigger>
        <MenuContent align="end" aria-label="Account">
          <MenuLabel>
            <span className="account-menu__name">{name}</span>
            {session.kind === 'server' ? (
              <span className="account-menu__detail">
                {session.email} · {new URL(session.serverUrl).host}
              </span>
            ) : (
              <span className="account-menu__detail">Nothing leaves this machine</span>
            )}
          </MenuLabel>
          <MenuSeparator />
          {items.map((item) => {
            const Icon = item.icon;
            return (
              <MenuItem
                key={item.id}
                icon={<Icon size={16} />}
                onSelect={() => item.onSelect(actions, state)}
              >
                {item.label}
              </MenuItem>
            );
          })}
          {session.kind === 'server' && (
            <MenuItem icon={<KeyRound size={16} />} onSelect={() => setChangingPassword(true)}>
              Change password…
            </MenuItem>
          )}
          <MenuItem
            icon={<Settings size={16} />}
            shortcut="Mod+,"
            onSelect={() => actions.setPreferencesOpen(true)}
          >
            Preferences
          </MenuItem>
          <MenuSeparator />
          <MenuItem icon={<LogOut size={16} />} onSelect={() => actions.sessions.signOut()}>
            {session.kind === 'server' ? 'Sign out' : 'Leave the local profile'}
          </MenuItem>
        </MenuContent>
      </Menu>
      {changingPassword && (
        <Suspense fallback={null}>
          <ChangePasswordDialog open onOpenChange={setChangingPassword} actions={actions} />
        </Suspense>
      )}
    </>
  );
}
