import type { ShellActions } from './actions';
import { useAppState, type AppStateStore } from './appState';
import { PreferencesDialog } from './screens/PreferencesDialog';
import { SignIn } from './screens/SignIn';
import { Shell } from './shell/Shell';
import { StatusBar } from './shell/StatusBar';
import { ConfirmProvider, Toaster, TooltipProvider } from './ui';

/** The app: sign-in, or the shell; with the design system's providers around both. */
export function App({ store, actions }: { store: AppStateStore; actions: ShellActions }) {
  const state = useAppState(store);
  return (
    <TooltipProvider>
      <ConfirmProvider>
        {state.session ? (
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
