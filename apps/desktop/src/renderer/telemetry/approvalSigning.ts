import { isFieldbookError } from '@fieldbook/shared';
import { z } from 'zod';
import { ServerApi } from '../session/serverApi';

/** The server and workspace an approval is signed against, and the caller's access token. */
export interface SigningServer {
  serverUrl: string;
  workspaceId: string;
  accessToken: () => string;
}

const WorkspaceSetting = z.object({ approvalsNeedPassword: z.boolean() });
const SigningTokenReply = z.object({ signingToken: z.string(), expiresAt: z.number() });

const apiOf = (server: SigningServer) => new ServerApi(server.serverUrl, server.accessToken);

/**
 * Whether the workspace asks approvers for their password (the setting is
 * read at the moment of approving, so a change by an admin applies at once).
 */
export async function approvalsNeedPassword(server: SigningServer): Promise<boolean> {
  const ws = await apiOf(server).request(
    'GET',
    `/workspaces/${encodeURIComponent(server.workspaceId)}`,
    WorkspaceSetting,
  );
  return ws.approvalsNeedPassword;
}

/**
 * Trades the re-entered password for a short-lived signing token
 * (`POST /auth/signing-token`, 21 CFR Part 11 §11.200) to put into the
 * approval record. A wrong password throws AUTH_INVALID_CREDENTIALS.
 */
export async function signingToken(server: SigningServer, password: string): Promise<string> {
  const reply = await apiOf(server).request('POST', '/auth/signing-token', SigningTokenReply, {
    password,
  });
  return reply.signingToken;
}

/** What the password dialog says when signing failed. */
export function signingProblem(err: unknown): string {
  if (!isFieldbookError(err)) return 'Something went wrong; nothing was approved.';
  switch (err.code) {
    case 'AUTH_INVALID_CREDENTIALS':
      return 'That password is not right. Nothing was approved.';
    case 'RATE_LIMIT_EXCEEDED':
    case 'AUTH_ACCOUNT_LOCKED':
      return 'Too many attempts. Wait a minute, then try again. Nothing was approved.';
    case 'SERVICE_UNAVAILABLE':
      return 'The server cannot be reached, so the approval cannot be signed. Nothing was approved.';
    default:
      return `${err.message.replace(/\.$/, '')}. Nothing was approved.`;
  }
}
