// The pages a link opens before (or instead of) the shell: an invitation,
// or a password reset; and the anonymous calls those pages make.
import { CAPABILITIES, ROLES } from '@fieldbook/shared';
import { z } from 'zod';
import { ServerApi } from '../session/serverApi';

/** The server a web page came from; the desktop suggests a local server. */
export function defaultServerUrl(): string {
  return location.protocol.startsWith('http') ? location.origin : 'http://127.0.0.1:4400';
}

/** The link a password-reset token opens: the server's web app, on its reset page. */
export function passwordResetLink(serverUrl: string, token: string): string {
  return `${serverUrl}/#/password-reset/${encodeURIComponent(token)}`;
}

const InvitationPreview = z.object({
  workspaceName: z.string(),
  invitedBy: z.string().nullable(),
  role: z.enum(ROLES),
  capabilities: z.array(z.enum(CAPABILITIES)),
  expiresAt: z.number(),
});
/** What an invitation offers, shown before accepting it. */
export type InvitationPreview = z.infer<typeof InvitationPreview>;

/** The workspace, inviter and role of a live invitation (RESOURCE_NOT_FOUND when used or expired). */
export function previewInvitation(serverUrl: string, token: string): Promise<InvitationPreview> {
  return new ServerApi(serverUrl).request('POST', '/invitations/preview', InvitationPreview, {
    token,
  });
}

/** Whose password a live reset link sets. */
export function previewPasswordReset(serverUrl: string, token: string) {
  return new ServerApi(serverUrl).request(
    'POST',
    '/password-resets/preview',
    z.object({ email: z.string(), name: z.string(), expiresAt: z.number() }),
    { token },
  );
}

/** Sets a new password with a reset link (once). */
export async function setPasswordWithLink(
  serverUrl: string,
  token: string,
  newPassword: string,
): Promise<void> {
  await new ServerApi(serverUrl).request('POST', '/password-resets/use', z.unknown(), {
    token,
    newPassword,
  });
}
