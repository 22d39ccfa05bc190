// A browser profile signed in without the sign-in screen, for the desktop benches.
import type { launchChromium } from '../../apps/desktop/test/browser';
import type { Account } from './seed';

type Browser = Awaited<ReturnType<typeof launchChromium>>;

/** A browser profile already signed in as `account`, remembering `workspaceId` as the one to open. */
export async function signedInContext(browser: Browser, account: Account, workspaceId: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const session = {
    kind: 'server',
    profileId: account.user.id,
    serverUrl: account.server,
    userId: account.user.id,
    userName: account.user.name,
    email: account.user.email,
    tokens: {
      accessToken: account.accessToken,
      refreshToken: account.refreshToken,
      expiresAt: account.expiresAt,
    },
  };
  await context.addInitScript(
    ({ session, key, workspaceId }) => {
      localStorage.setItem('fieldbook.session', JSON.stringify(session));
      localStorage.setItem(key, workspaceId);
    },
    { session, key: `fieldbook.lastWorkspace.${account.user.id}`, workspaceId },
  );
  return context;
}
