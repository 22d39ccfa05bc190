import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as decoding from 'lib0/decoding';
import type * as Y from 'yjs';
import { actorOrigin } from '@fieldbook/crdt-model';
import { FieldbookError, ROLES, can, type Role } from '@fieldbook/shared';
import { ids, useTestServer, waitFor, type TestClient } from '../testing/harness';
import { authorizeByGrant, type SyncAuthHooks } from './auth';
import { MESSAGE_AUTH } from './protocol';
import { WRITE_CASES, type WriteCase } from './writeMatrixCases';

const TENANT = 'tenant-w';
const hooks: SyncAuthHooks = {
  authenticate(info) {
    const token = info.bearerToken ?? '';
    if (token === 'bystander')
      return { id: 'bystander', tenantId: TENANT, grant: { role: 'admin', capabilities: [] } };
    if (!(ROLES as readonly string[]).includes(token))
      return new FieldbookError('AUTH_TOKEN_INVALID', 'unknown test token');
    return {
      id: `user-${token}`,
      tenantId: TENANT,
      grant: { role: token as Role, capabilities: [] },
    };
  },
  authorize: authorizeByGrant,
};

/** Everything a Fieldbook document of any kind holds, as one comparable string. */
function contentOf(doc: Y.Doc): string {
  const maps = [
    'meta',
    'documents',
    'folders',
    'annotations',
    'panels',
    'tags',
    'attachments',
    'secret',
  ];
  return JSON.stringify([
    ...maps.map((m) => doc.getMap(m).toJSON()),
    doc.getText('body').toString(),
  ]);
}

/** Reads the reason of a permission-denied auth message. */
function denialOf(message: Uint8Array): string | null {
  if (message[0] !== MESSAGE_AUTH) return null;
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarString(decoder);
}

describe('authorization inside documents: the generated write matrix', () => {
  const t = useTestServer({}, { hooks });
  beforeAll(() => {
    // y-websocket reports every permission-denied message on the console; the test reads them itself.
    const warn = console.warn.bind(console);
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      if (!String(args[0]).startsWith('Permission denied to access')) warn(...args);
    });
  });

  /** Seeds a document, connects a bystander and the sender, sends the change; what happened. */
  async function send(role: Role, c: WriteCase) {
    const { workspaceId, docId } = ids();
    const ref = { workspaceId, docId, tenantId: TENANT };
    const me = actorOrigin(`user-${role}`);
    let seeded: Record<string, string> = {};
    await t.server.sync.change(ref, { actor: 'bob', client: 'seed' }, (doc) => {
      seeded = c.seed?.(doc, me, actorOrigin('bob')) ?? {};
    });
    const connect = (token: string): TestClient =>
      t.connect(workspaceId, docId, { protocols: ['fieldbook.v1', `bearer.${token}`] });
    const bystander = connect('bystander');
    const sender = connect(role);
    await Promise.all([bystander.synced(), sender.synced()]);
    const denials: string[] = [];
    sender.provider.ws!.addEventListener('message', (event: MessageEvent) => {
      const reason = denialOf(new Uint8Array(event.data as ArrayBuffer));
      if (reason) denials.push(reason);
    });
    const stored = (await t.server.store.readLog(ref)).length;
    c.change(sender.doc, me, seeded, actorOrigin('bob'));
    await waitFor(
      () => denials.length > 0 || contentOf(bystander.doc) === contentOf(sender.doc),
      `${role}: ${c.name} to be refused or relayed`,
    );
    // Room for anything wrongly relayed or stored after the denial to show.
    await new Promise((r) => setTimeout(r, 50));
    return {
      denials,
      relayed: contentOf(bystander.doc) === contentOf(sender.doc),
      stored: (await t.server.store.readLog(ref)).length - stored,
      onServer: contentOf(t.server.sync.registry.get(ref)!.doc),
      bystander: contentOf(bystander.doc),
    };
  }

  for (const role of ROLES) {
    it(`applies or refuses every kind of change for a ${role}, as can() says`, async () => {
      const grant = { role, capabilities: [] };
      const outcomes = await Promise.all(WRITE_CASES.map((c) => send(role, c)));
      const wrong: string[] = [];
      WRITE_CASES.forEach((c, i) => {
        const o = outcomes[i]!;
        const allowed =
          c.needs !== 'never' && can(grant, c.needs.action, { own: c.needs.own === true });
        const applied = o.denials.length === 0 && o.relayed && o.stored > 0;
        const refused =
          o.denials.length > 0 && !o.relayed && o.stored === 0 && o.onServer === o.bystander;
        if (allowed ? !applied : !refused)
          wrong.push(
            `${c.name}: expected ${allowed ? 'applied' : 'refused'}, got ${JSON.stringify(o)}`,
          );
      });
      expect(wrong).toEqual([]);
    }, 60_000);
  }

  it('says what was refused and why', async () => {
    const forged = WRITE_CASES.find(
      (c) => c.name === 'draw an annotation authored by someone else',
    )!;
    const { denials } = await send('reviewer', forged);
    expect(denials[0]).toMatch(
      /^permission-denied: refused: draws annotation .*author must be the sender, not "bob"/,
    );
    const edit = WRITE_CASES.find((c) => c.name === "retitle another's annotation")!;
    expect((await send('contributor', edit)).denials[0]).toMatch(
      /needs permission annotation\.edit/,
    );
    expect(Number(await metric('fieldbook_sync_refused_writes_total'))).toBeGreaterThanOrEqual(2);
  });

  async function metric(name: string): Promise<string | undefined> {
    const text = await t.server.metrics.registry.metrics();
    return new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1];
  }
});
