import { lazy, Suspense } from 'react';
import type { ShellActions } from './actions';
import { useAppState, type AppStateStore } from './appState';
import { PreferencesDialog } from './screens/PreferencesDialog';
import { SignIn } from './screens/SignIn';
import { Shell } from './shell/Shell';
import { StatusBar } from './shell/StatusBar';
import { useInvitationLink } from './team/invitationLink';
import { ConfirmProvider, Toaster, TooltipProvider } from './ui';

const AcceptInvitation = lazy(() => import('./team/AcceptInvitation'));

/** The app: an invitation link's Accept page, sign-in, or the shell; with the design system's providers. */
export function App({ store, actions }: { store: AppStateStore; actions: ShellActions }) {
  const state = useAppState(store);
  const [invitation, finishInvitation] = useInvitationLink();
  return (
    <TooltipProvider>
      <ConfirmProvider>
        {invitation ? (
          <div className="signed-out">
            <Suspense fallback={null}>
              <AcceptInvitation
                token={invitation}
                state={state}
                actions={actions}
                onDone={finishInvitation}
              />
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
