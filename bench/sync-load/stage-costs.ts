/**
 * Where the durable relay's CPU goes, stage by stage, in one process: the sync benchmark's edits
 * (50 documents × 10 clients, one small map entry per edit, made by real Y.Docs) put through
 * each stage the Fieldbook server adds to what the in-memory reference does, beside the part
 * both do — Yjs applying the edit to the document (the reference with its `update` listener,
 * which encodes the message it relays). CPU time per edit, medians of `--rounds`; a socket write
 * per delivery (`write-cost`) comes on top of every row. Each stage runs here in a loop of its
 * own, its code and data in the CPU's caches; in the server the same code runs between socket
 * reads and writes and costs more per edit. So the rows rank the stages and show what a change
 * to one of them saves; they do not add up to the server's CPU. The machine's load slows every
 * stage alike: compare the rows of one run, not runs.
 *
 *   pnpm --filter @fieldbook/bench sync:stages -- [--docs 50] [--clients 10] [--edits 20] [--rounds 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { UpdateChecker, type WriteActor } from '@fieldbook/crdt-model';
import { newId } from '@fieldbook/shared';
import { openSqliteDocStore } from '../../apps/sync-server/src/storage/sqlite/sqliteDocStore';
import type { DocumentRef, UpdateEntry } from '../../apps/sync-server/src/storage/docStore';
import { benchArgv } from '../cliArgs';

interface Edit {
  doc: number;
  update: Uint8Array;
  client: string;
}

/** Each client's edits in the order a paced run would send them (round-robin over clients). */
function makeEdits(docs: number, clients: number, edits: number): Edit[] {
  const out: Edit[] = [];
  const replicas = Array.from({ length: docs }, () =>
    Array.from({ length: clients }, () => new Y.Doc()),
  );
  for (let n = 0; n < edits; n++) {
    for (let c = 0; c < clients; c++) {
      for (let d = 0; d < docs; d++) {
        const doc = replicas[d]![c]!;
        let update: Uint8Array | null = null;
        const keep = (u: Uint8Array) => (update = u);
        doc.on('update', keep);
        doc
          .getMap('tags')
          .set(`c${c}:measure:${n}`, { c: `c${c}`, p: 'measure', n, t: Date.now() });
        doc.off('update', keep);
        out.push({ doc: d, update: update!, client: `client-${d}-${c}` });
      }
    }
  }
  return out;
}

/** CPU µs per edit of `run` (after one untimed warm-up call on fresh state). */
async function cpuPerEdit(edits: number, run: () => Promise<void> | void): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / edits;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const { values } = parseArgs({
    args: benchArgv(),
    options: {
      docs: { type: 'string', default: '50' },
      clients: { type: 'string', default: '10' },
      edits: { type: 'string', default: '20' },
      rounds: { type: 'string', default: '5' },
    },
  });
  const edits = makeEdits(Number(values.docs), Number(values.clients), Number(values.edits));
  const docCount = Number(values.docs);
  const writer: WriteActor = { id: 'bench-user', grant: { role: 'contributor', capabilities: [] } };
  const work = mkdtempSync(join(tmpdir(), 'fieldbook-stage-costs-'));
  const rows: Record<string, number[]> = {};
  const note = (name: string, us: number) => (rows[name] ??= []).push(us);

  for (let round = 0; round < Number(values.rounds) + 1; round++) {
    const warm = round === 0;
    // Yjs applies the edit to the document, with the reference's `update` listener.
    const docs = Array.from({ length: docCount }, () => new Y.Doc());
    for (const doc of docs) doc.on('update', (u: Uint8Array) => u.length);
    const applied = await cpuPerEdit(edits.length, () => {
      for (const e of edits) Y.applyUpdate(docs[e.doc]!, e.update, e.client);
    });
    // The write check of each edit, against the document as it was before that edit.
    const checked = Array.from({ length: docCount }, () => new Y.Doc());
    const checkers = checked.map((doc) => new UpdateChecker(doc));
    const check = await cpuPerEdit(edits.length, () => {
      for (const e of edits) {
        const result = checkers[e.doc]!.check(e.update, writer);
        if (result.refused.length > 0) throw new Error('the bench edit was refused');
        Y.applyUpdate(checked[e.doc]!, e.update);
      }
    });
    // The same applies without a listener, to take out of the check loop.
    const bare = Array.from({ length: docCount }, () => new Y.Doc());
    const bareApply = await cpuPerEdit(edits.length, () => {
      for (const e of edits) Y.applyUpdate(bare[e.doc]!, e.update);
    });
    const decode = await cpuPerEdit(edits.length, () => {
      for (const e of edits) Y.decodeUpdate(e.update);
    });
    // Durable append: a journal write per group commit (1 or 2 edits), then moves into the table
    // every 200 updates (as the 200 ms flush does at 1,000 edits/s).
    const turn = () => new Promise((r) => setImmediate(r));
    const idle = await cpuPerEdit(edits.length, async () => {
      for (let i = 0; i < edits.length; i += 1.5) await turn();
    });
    const append = async (name: string) => {
      const store = openSqliteDocStore({
        file: join(work, `round-${round}`, `${name}.db`),
        journalFlush: { afterMs: 3_600_000, atCount: 200 },
      });
      const refs: DocumentRef[] = Array.from({ length: docCount }, () => ({
        tenantId: 'bench',
        workspaceId: newId(),
        docId: newId(),
      }));
      for (const ref of refs) await store.ensureDocument(ref, 'bench-user');
      const entry = (e: Edit): UpdateEntry => ({
        ...refs[e.doc]!,
        update: e.update,
        actor: 'bench-user',
        client: e.client,
        ts: Date.now(),
      });
      const used = await cpuPerEdit(edits.length, async () => {
        for (let i = 0; i < edits.length;) {
          const batch = edits.slice(i, (i += i % 3 === 0 ? 2 : 1)).map(entry);
          await store.appendUpdates(batch);
          await turn();
        }
      });
      await store.close();
      return used - idle;
    };
    const durable = await append('durable');
    for (const doc of [...docs, ...checked, ...bare]) doc.destroy();
    if (warm) continue;
    note('Yjs apply + update message (both servers)', applied);
    note('write check (Fieldbook)', check - bareApply);
    note('  of it, decoding the update', decode);
    note('durable append: journal + table (Fieldbook)', durable);
  }
  rmSync(work, { recursive: true, force: true });
  const result = Object.fromEntries(
    Object.entries(rows).map(([name, xs]) => [name, Math.round(median(xs) * 100) / 100]),
  );
  console.log(JSON.stringify({ edits: edits.length, cpuMicrosPerEdit: result }));
  for (const [name, us] of Object.entries(result))
    console.error(`${name.padEnd(48)} ${us.toFixed(2).padStart(8)} µs/edit`);
}

await main();
