import { lazy, Suspense } from 'react';
import type { ShellActions } from './actions';
import { useAppState, type AppStateStore } from './appState';
import { PreferencesDialog } from './screens/PreferencesDialog';
import { SignIn } from './screens/SignIn';
import { Shell } from './shell/Shell';
import { StatusBar } from './shell/StatusBar';
import { useLinkPage } from './team/linkPage';
import { ConfirmProvider, Toaster, TooltipProvider } from './ui';

const AcceptInvitation = lazy(() => import('./team/AcceptInvitation'));
const SetNewPassword = lazy(() => import('./team/SetNewPassword'));

/**
 * The app: a link's page (accept an invitation, set a new password), sign-in,
 * or the shell; with the design system's providers.
 */
export function App({ store, actions }: { store: AppStateStore; actions: ShellActions }) {
  const state = useAppState(store);
  const [link, finishLink] = useLinkPage();
  return (
    <TooltipProvider>
      <ConfirmProvider>
        {link ? (
          <div className="signed-out">
            <Suspense fallback={null}>
              {link.page === 'invitation' ? (
                <AcceptInvitation
                  token={link.token}
                  state={state}
                  actions={actions}
                  onDone={finishLink}
                />
              ) : (
                <SetNewPassword token={link.token} actions={actions} onDone={finishLink} />
              )}
            </Suspense>
            <StatusBar state={state} actions={actions} />
          </div>
        ) : state.session ? (
          <Shell state={state} actions={actions} />
        ) : (
          <div className="signed-out">
            <SignIn actions={actions} />
            <StatusBar state={state} actions={actions} />
          </div>
        )}
        <PreferencesDialog open={state.preferencesOpen} session={state.session} actions={actions} />
        <Toaster />
      </ConfirmProvider>
    </TooltipProvider>
  );
}
