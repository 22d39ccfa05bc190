// The REST calls behind the team screens (members, invitations, API keys,
// audit, workspace settings), on the signed-in session's ServerApi. A 401
// renews the access token once and retries; the server stays the authority
// for every permission.
import { CAPABILITIES, FieldbookError, ROLES } from '@fieldbook/shared';
import { z } from 'zod';
import type { ShellActions } from '../actions';

const Role = z.enum(ROLES);
const Capability = z.enum(CAPABILITIES);

const MemberSchema = z.object({
  userId: z.string(),
  role: Role,
  capabilities: z.array(Capability),
  createdAt: z.number(),
  email: z.string().optional(),
  name: z.string().optional(),
  lastActiveAt: z.number().nullable().optional(),
});
const InvitationSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  role: Role,
  capabilities: z.array(Capability),
  createdAt: z.number(),
  expiresAt: z.number(),
});
const ApiKeySchema = z.object({
  id: z.string(),
  prefix: z.string(),
  name: z.string(),
  workspaceId: z.string().nullable(),
  access: z.enum(['read', 'write']),
  agent: z.boolean(),
  createdAt: z.number(),
  expiresAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
});
const AuditEntrySchema = z.object({
  id: z.string(),
  seq: z.number(),
  ts: z.number(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  action: z.string(),
  outcome: z.enum(['success', 'failure']),
  resource: z.object({ type: z.string(), id: z.string().nullable() }),
  workspaceId: z.string().nullable(),
  ip: z.string().nullable(),
});
const VerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  headSeq: z.number().optional(),
  firstBad: z.object({ seq: z.number(), reason: z.string(), message: z.string() }).optional(),
  checkpoints: z.object({ checked: z.number(), latest: z.unknown() }).passthrough(),
});
const WorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  archivedAt: z.number().nullable(),
  approvalsNeedPassword: z.boolean().default(false),
  annotationsNeedReview: z.boolean().default(false),
});
const RetentionSchema = z.object({ foldAfterDays: z.number().nullable() });

const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** A workspace member as the Members screen lists them. */
export type Member = z.infer<typeof MemberSchema>;
/** An invitation still waiting to be accepted. */
export type Invitation = z.infer<typeof InvitationSchema>;
/** An API key, without its secret. */
export type ApiKey = z.infer<typeof ApiKeySchema>;
/** One entry of the audit trail. */
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
/** What "Verify integrity" answers. */
export type VerifyResult = z.infer<typeof VerifySchema>;
/** A workspace as its settings show it. */
export type WorkspaceRecord = z.infer<typeof WorkspaceSchema>;
/** Filters of the audit table (all optional). */
export interface AuditFilter {
  readonly action?: string;
  readonly actorId?: string;
  readonly outcome?: 'success' | 'failure';
  readonly from?: number;
  readonly to?: number;
}

/** The team calls of the signed-in session; throws AUTH_REQUIRED for a local profile. */
export function teamApi(actions: ShellActions) {
  const call = async <T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown) => {
    const api = actions.sessions.api();
    if (!api) throw new FieldbookError('AUTH_REQUIRED', 'Sign in to a server to manage a team');
    try {
      return await api.request(method, path, schema, body);
    } catch (err) {
      if (err instanceof FieldbookError && err.status === 401 && (await actions.sessions.renew())) {
        return actions.sessions.api()!.request(method, path, schema, body);
      }
      throw err;
    }
  };
  const ws = (id: string) => `/workspaces/${encodeURIComponent(id)}`;
  const none = z.unknown();
  return {
    /** Every member of the workspace. */
    async members(workspaceId: string): Promise<Member[]> {
      const out: Member[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page: { items: Member[]; nextCursor: string | null } = await call(
          'GET',
          `${ws(workspaceId)}/members?limit=200${q}`,
          pageOf(MemberSchema),
        );
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
    changeMember: (
      workspaceId: string,
      userId: string,
      grant: Pick<Member, 'role' | 'capabilities'>,
    ) => call('PATCH', `${ws(workspaceId)}/members/${userId}`, MemberSchema, grant),
    removeMember: (workspaceId: string, userId: string) =>
      call('DELETE', `${ws(workspaceId)}/members/${userId}`, none),
    invitations: async (workspaceId: string) =>
      (
        await call(
          'GET',
          `${ws(workspaceId)}/invitations`,
          z.object({ items: z.array(InvitationSchema) }),
        )
      ).items,
    invite: (
      workspaceId: string,
      input: Pick<Invitation, 'role' | 'capabilities'> & { expiresInHours: number },
    ) =>
      call(
        'POST',
        `${ws(workspaceId)}/invitations`,
        z.object({ invitation: InvitationSchema, token: z.string() }),
        input,
      ),
    revokeInvitation: (workspaceId: string, invitationId: string) =>
      call('DELETE', `${ws(workspaceId)}/invitations/${invitationId}`, none),
    /** Accepts an invitation as the signed-in user. */
    acceptInvitation: (token: string) =>
      call(
        'POST',
        '/invitations/accept',
        z.object({ invitation: InvitationSchema, userId: z.string() }),
        { token },
      ),
    apiKeys: async (workspaceId: string) =>
      (await call('GET', `/api-keys?workspaceId=${workspaceId}&limit=200`, pageOf(ApiKeySchema)))
        .items,
    createApiKey: (input: {
      name: string;
      workspaceId: string;
      access: 'read' | 'write';
      agent: boolean;
      expiresAt: number | null;
    }) => call('POST', '/api-keys', z.object({ apiKey: ApiKeySchema, key: z.string() }), input),
    revokeApiKey: (id: string) => call('DELETE', `/api-keys/${id}`, none),
    audit: (workspaceId: string, filter: AuditFilter, cursor: string | null, limit: number) => {
      const q = new URLSearchParams({ workspaceId, limit: String(limit) });
      for (const [k, v] of Object.entries(filter))
        if (v !== undefined && v !== '') q.set(k, String(v));
      if (cursor) q.set('cursor', cursor);
      return call('GET', `/audit?${q.toString()}`, pageOf(AuditEntrySchema));
    },
    verifyAudit: () => call('GET', '/audit/verify', VerifySchema),
    /** The workspace's audit entries as a CSV or JSON file (the server's export), for saving. */
    async exportAudit(workspaceId: string, format: 'csv' | 'json'): Promise<Blob> {
      const api = actions.sessions.api();
      if (!api) throw new FieldbookError('AUTH_REQUIRED', 'Sign in to export the audit trail');
      const q = new URLSearchParams({ workspaceId, format });
      let res: Response;
      try {
        res = await fetch(`${api.serverUrl}/api/v1/audit/export?${q.toString()}`, {
          headers: { authorization: `Bearer ${actions.sessions.accessToken()}` },
        });
      } catch {
        throw new FieldbookError('SERVICE_UNAVAILABLE', 'The sync server cannot be reached');
      }
      if (!res.ok) {
        throw new FieldbookError('SERVICE_UNAVAILABLE', `The export failed (${res.status})`);
      }
      return res.blob();
    },
    workspace: (workspaceId: string) => call('GET', ws(workspaceId), WorkspaceSchema),
    /** Leaves the workspace (the server refuses its last admin, with a sentence saying so). */
    leaveWorkspace: (workspaceId: string) => call('POST', `${ws(workspaceId)}/leave`, none),
    /** Whether the signed-in user is the organization's administrator (who may reset passwords). */
    me: () =>
      call('GET', '/auth/me', z.object({ tenantRole: z.enum(['admin', 'member']).nullable() })),
    changePassword: (currentPassword: string, newPassword: string) =>
      call('POST', '/auth/password', z.object({ endedSessions: z.number() }), {
        currentPassword,
        newPassword,
      }),
    /** A single-use reset link's token for a user (the organization's administrators). */
    issuePasswordReset: (userId: string) =>
      call(
        'POST',
        `/users/${encodeURIComponent(userId)}/password-reset`,
        z.object({ token: z.string(), expiresAt: z.number(), emailed: z.boolean() }),
      ),
    updateWorkspace: (
      workspaceId: string,
      patch: {
        name?: string;
        archived?: boolean;
        approvalsNeedPassword?: boolean;
        annotationsNeedReview?: boolean;
      },
    ) => call('PATCH', ws(workspaceId), WorkspaceSchema, patch),
    /** The workspace's history retention: null keeps every entry, N folds days older than N. */
    historyRetention: (workspaceId: string) =>
      call('GET', `${ws(workspaceId)}/history-retention`, RetentionSchema),
    /** Sets the workspace's history retention (admins; audited on the server). */
    setHistoryRetention: (workspaceId: string, foldAfterDays: number | null) =>
      call('PUT', `${ws(workspaceId)}/history-retention`, RetentionSchema, { foldAfterDays }),
  };
}

/** The team calls, as `teamApi` returns them. */
export type TeamApi = ReturnType<typeof teamApi>;
