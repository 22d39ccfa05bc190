import { ROLES, can, type Role } from '@fieldbook/shared';
import { writeWorkspaceFile } from '@fieldbook/workspace-file';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { InstrumentSeeds } from '../instruments/testing/instrumentSeeds';
import type { DocumentSeeds } from '../history/testing/documentSeeds';
import { REST_ACTION_CASES, type CaseFixture, type RestActionCase } from './restActionCases';

/** A JSON HTTP client: in-process (`app.request`) or over the network. */
export type JsonCall = (
  method: string,
  path: string,
  opts?: { token?: string; body?: unknown },
) => Promise<{ status: number; body: unknown }>;

/** One cell of the matrix: a role, a route, what `can()` expects and what the server said. */
export interface MatrixOutcome {
  role: Role;
  case: RestActionCase;
  expected: 'allow' | 'deny';
  status: number;
  body: unknown;
}

const PASSWORD = 'matrix password 123';

async function ok<T>(res: Promise<{ status: number; body: unknown }>, what: string): Promise<T> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as T;
}

/** A valid `.fieldbook` file of `workspaceId` holding its index document with a name. */
async function workspaceFileOf(workspaceId: string): Promise<Uint8Array> {
  const index = new Y.Doc();
  index.getMap('meta').set('name', 'Matrix');
  const dir = mkdtempSync(join(tmpdir(), 'fb-matrix-file-'));
  try {
    const path = join(dir, 'matrix.fieldbook');
    await writeWorkspaceFile(
      {
        documentIds: async () => [workspaceId],
        documentState: async () => Y.encodeStateAsUpdate(index),
        attachmentHashes: async () => [],
        attachment: async () => null,
      },
      { workspaceId, exportedBy: 'matrix', path },
    );
    return new Uint8Array(readFileSync(path));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Builds a tenant with one workspace member per role (invited, then signed
 * in), and sends every REST action case as every role, preparing each case
 * with the tenant admin first (or, for instruments and documents, `seeds` and
 * `docs` straight into the stores, as an agent or a client would). A case's capabilities are granted to the member
 * for that case only. `tag` keeps e-mail addresses unique per run.
 */
export async function runRestMatrix(
  call: JsonCall,
  tag: string,
  seeds: InstrumentSeeds,
  docs: DocumentSeeds,
): Promise<MatrixOutcome[]> {
  type Signup = { accessToken: string; user: { id: string }; tenant: { id: string } };
  const admin = await ok<Signup>(
    call('POST', '/auth/signup', {
      body: {
        tenant: `Matrix ${tag}`,
        email: `owner-${tag}@matrix.test`,
        password: PASSWORD,
        name: 'Owner',
      },
    }),
    'signup',
  );
  const as = admin.accessToken;
  const ws = await ok<{ id: string }>(
    call('POST', '/workspaces', { token: as, body: { name: 'Matrix' } }),
    'workspace',
  );
  const side = await ok<{ id: string }>(
    call('POST', '/workspaces', { token: as, body: { name: 'Side' } }),
    'side',
  );

  async function newMember(
    workspaceId: string,
    role: Role,
    who: string,
  ): Promise<{ id: string; token: string }> {
    const inv = await ok<{ token: string }>(
      call('POST', `/workspaces/${workspaceId}/invitations`, { token: as, body: { role } }),
      'invite',
    );
    const email = `${who}-${tag}@matrix.test`;
    const accepted = await ok<{ userId: string }>(
      call('POST', '/invitations/accept', {
        body: { token: inv.token, email, password: PASSWORD, name: who },
      }),
      'accept',
    );
    const login = await ok<Signup>(
      call('POST', '/auth/login', { body: { email, password: PASSWORD } }),
      'login',
    );
    return { id: accepted.userId, token: login.accessToken };
  }

  const members = new Map<Role, { id: string; token: string }>();
  for (const role of ROLES) members.set(role, await newMember(ws.id, role, role));
  const target = await newMember(side.id, 'viewer', 'target');

  const workspaceFile = await workspaceFileOf(ws.id);
  const blob = await ok<{ sha256: string }>(
    call('POST', `/workspaces/${ws.id}/blobs`, {
      token: as,
      body: new TextEncoder().encode(`matrix attachment ${tag}`),
    }),
    'attachment',
  );
  const tenantId = admin.tenant.id;
  const { instrumentId } = await seeds.instrument(tenantId, ws.id);
  const { docId: documentId, annotationId } = await docs.collection(tenantId, ws.id);
  const outcomes: MatrixOutcome[] = [];
  const held = new Map<Role, string>(ROLES.map((r) => [r, '']));
  for (const role of ROLES) {
    for (const c of REST_ACTION_CASES) {
      const fx: CaseFixture = {
        workspaceId: ws.id,
        targetUserId: target.id,
        workspaceKeyId: '',
        workspaceFile,
        blobSha256: blob.sha256,
        instrumentId,
        commandId: '',
        runId: '',
        documentId,
        annotationId,
      };
      const member = members.get(role)!;
      const capabilities = c.capabilities ?? [];
      if (held.get(role) !== capabilities.join()) {
        await ok(
          call('PATCH', `/workspaces/${ws.id}/members/${member.id}`, {
            token: as,
            body: { role, capabilities },
          }),
          'capabilities',
        );
        held.set(role, capabilities.join());
      }
      if (c.precondition === 'commandAwaitingApproval')
        fx.commandId = await seeds.awaitingCommand(tenantId, ws.id, instrumentId);
      if (c.precondition === 'runRunning')
        fx.runId = await seeds.runningRun(tenantId, ws.id, instrumentId);
      await call('DELETE', `/workspaces/${ws.id}/members/${target.id}`, { token: as });
      if (c.precondition === 'targetIsMember') {
        await ok(
          call('POST', `/workspaces/${ws.id}/members`, {
            token: as,
            body: { userId: target.id, role: 'contributor' },
          }),
          'add target',
        );
      }
      if (c.precondition === 'workspaceKeyExists') {
        const created = await ok<{ apiKey: { id: string } }>(
          call('POST', '/api-keys', {
            token: as,
            body: { name: 'victim', workspaceId: ws.id, access: 'read' },
          }),
          'key',
        );
        fx.workspaceKeyId = created.apiKey.id;
      }
      const req = c.request(fx);
      const res = await call(req.method, req.path, { token: member.token, body: req.body });
      outcomes.push({
        role,
        case: c,
        expected: can({ role, capabilities }, c.action) ? 'allow' : 'deny',
        status: res.status,
        body: res.body,
      });
      await ok(
        call('PATCH', `/workspaces/${ws.id}`, {
          token: as,
          body: { name: 'Matrix', archived: false },
        }),
        'restore',
      );
    }
  }
  return outcomes;
}
