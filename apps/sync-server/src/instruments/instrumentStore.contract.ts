import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId, type InstrumentActor } from '@fieldbook/shared';
import type { CommandRecord, InstrumentStore, RunRecord } from './instrumentStore';

/** Opens a fresh, empty store per test. */
export interface InstrumentStoreFactory {
  open(): Promise<{ store: InstrumentStore; close(): Promise<void> }>;
}

const NOW = 1_760_000_000_000;
const ADA: InstrumentActor = { type: 'user', id: 'u-ada', name: 'Ada' };
const BOB: InstrumentActor = { type: 'user', id: 'u-bob', name: 'Bob' };
const AGENT: InstrumentActor = { type: 'agent', id: 'rover-1', name: 'rover-1' };

function command(tenantId: string, over: Partial<CommandRecord> = {}): CommandRecord {
  return {
    tenantId,
    id: newId(),
    instrumentId: 'i-1',
    workspaceId: 'w-1',
    agentId: 'rover-1',
    instrumentKey: 'rover',
    command: 'drill.arm',
    params: { depth: 3 },
    note: null,
    hazard: 'hazardous',
    state: 'queued',
    requestedBy: ADA,
    requestedAt: NOW,
    decidedBy: null,
    decidedAt: null,
    expiresAt: NOW + 60_000,
    releasedAt: null,
    acknowledgedAt: null,
    progress: null,
    reason: null,
    error: null,
    output: null,
    finishedAt: null,
    cancelRequestedBy: null,
    updatedAt: NOW,
    ...over,
  };
}

function run(tenantId: string, over: Partial<RunRecord> = {}): RunRecord {
  return {
    tenantId,
    id: newId(),
    instrumentId: 'i-1',
    workspaceId: 'w-1',
    agentId: 'rover-1',
    runKey: `run-${newId()}`,
    commandId: null,
    protocol: 'survey',
    operator: 'Ada',
    parameters: { lane: 2 },
    status: 'running',
    startedAt: NOW,
    finishedAt: null,
    results: {},
    qc: [],
    qcPassed: null,
    artifactHashes: [],
    ...over,
  };
}

const first = { to: 'queued' as const, at: NOW, by: ADA };

/** The behaviour every InstrumentStore implementation must show, tenant scoping above all. */
export function runInstrumentStoreContract(name: string, factory: InstrumentStoreFactory): void {
  describe(`InstrumentStore contract: ${name}`, () => {
    let s: InstrumentStore;
    let close: () => Promise<void>;
    let tA: string;
    let tB: string;
    beforeEach(async () => {
      ({ store: s, close } = await factory.open());
      tA = newId();
      tB = newId();
    });
    afterEach(async () => {
      await close();
    });

    it('stores a command with its first transition, once per id, within its tenant only', async () => {
      const c = command(tA);
      expect(await s.createCommand(c, first)).toEqual({ command: c, created: true });
      const retry = await s.createCommand({ ...c, params: { depth: 9 } }, first);
      expect(retry).toEqual({ command: c, created: false });
      expect(await s.getCommand(tA, c.id)).toEqual(c);
      expect(await s.getCommand(tB, c.id)).toBeNull();
      const same = command(tB, { id: c.id });
      expect((await s.createCommand(same, first)).created).toBe(true);
      expect((await s.getCommand(tA, c.id))!.tenantId).toBe(tA);
      expect(await s.listTransitions(tA, c.id)).toEqual([
        { seq: 1, from: null, to: 'queued', at: NOW, by: ADA, detail: null },
      ]);
      expect(await s.listTransitions(tB, newId())).toEqual([]);
    });

    it('moves a command only from an expected state, numbering its transitions', async () => {
      const c = command(tA);
      await s.createCommand(c, first);
      const wrong = await s.transition(tA, c.id, ['released'], {
        to: 'acknowledged',
        at: 1,
        by: AGENT,
      });
      expect(wrong).toBeNull();
      const waiting = await s.transition(tA, c.id, ['queued'], {
        to: 'awaiting_approval',
        at: NOW + 1,
        by: ADA,
      });
      expect(waiting).toMatchObject({ state: 'awaiting_approval', updatedAt: NOW + 1 });
      const approved = await s.transition(
        tA,
        c.id,
        ['awaiting_approval'],
        { to: 'released', at: NOW + 2, by: BOB, detail: { decision: 'approve' } },
        { decidedBy: BOB, decidedAt: NOW + 2, releasedAt: NOW + 2 },
      );
      expect(approved).toMatchObject({ state: 'released', decidedBy: BOB, releasedAt: NOW + 2 });
      expect(await s.getCommand(tA, c.id)).toEqual(approved);
      expect(
        await s.transition(tB, c.id, ['released'], { to: 'expired', at: 3, by: ADA }),
      ).toBeNull();
      expect((await s.listTransitions(tA, c.id)).map((t) => [t.seq, t.from, t.to])).toEqual([
        [1, null, 'queued'],
        [2, 'queued', 'awaiting_approval'],
        [3, 'awaiting_approval', 'released'],
      ]);
      expect((await s.listTransitions(tA, c.id))[2]!.detail).toEqual({ decision: 'approve' });
    });

    it('lets exactly one of two racing transitions from the same state win', async () => {
      const c = command(tA, { state: 'awaiting_approval' });
      await s.createCommand(c, { ...first, to: 'awaiting_approval' });
      const results = await Promise.all([
        s.transition(tA, c.id, ['awaiting_approval'], { to: 'released', at: 5, by: BOB }),
        s.transition(tA, c.id, ['awaiting_approval'], { to: 'expired', at: 5, by: ADA }),
      ]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await s.listTransitions(tA, c.id)).toHaveLength(2);
    });

    it('updates fields without a transition only in the states given', async () => {
      const c = command(tA, { state: 'in_progress' });
      await s.createCommand(c, { ...first, to: 'in_progress' });
      const p = await s.update(
        tA,
        c.id,
        ['in_progress'],
        { progress: { percent: 40, message: null } },
        9,
      );
      expect(p).toMatchObject({ progress: { percent: 40, message: null }, updatedAt: 9 });
      expect(await s.update(tA, c.id, ['released'], { progress: null }, 10)).toBeNull();
      expect(await s.update(tB, c.id, ['in_progress'], { progress: null }, 10)).toBeNull();
      expect(await s.listTransitions(tA, c.id)).toHaveLength(1);
    });

    it('lists commands newest first by instrument, workspace and state, a page at a time', async () => {
      const made: CommandRecord[] = [];
      for (let i = 0; i < 5; i++) {
        const c = command(tA, {
          instrumentId: i < 3 ? 'i-1' : 'i-2',
          workspaceId: i === 4 ? null : 'w-1',
          state: i % 2 ? 'awaiting_approval' : 'queued',
        });
        made.push(c);
        await s.createCommand(c, first);
      }
      await s.createCommand(command(tB), first);
      const p1 = await s.listCommands(tA, {}, null, 2);
      expect(p1.items.map((c) => c.id)).toEqual([made[4]!.id, made[3]!.id]);
      const p2 = await s.listCommands(tA, {}, p1.nextCursor, 2);
      const p3 = await s.listCommands(tA, {}, p2.nextCursor, 2);
      expect([...p2.items, ...p3.items].map((c) => c.id)).toEqual(
        [made[2], made[1], made[0]].map((c) => c!.id),
      );
      expect(p3.nextCursor).toBeNull();
      const byInstrument = await s.listCommands(tA, { instrumentId: 'i-1' }, null, 10);
      expect(byInstrument.items).toHaveLength(3);
      const waiting = await s.listCommands(tA, { states: ['awaiting_approval'] }, null, 10);
      expect(waiting.items.map((c) => c.id).sort()).toEqual([made[1]!.id, made[3]!.id].sort());
      const inW1 = await s.listCommands(tA, { workspaceIds: ['w-1'] }, null, 10);
      expect(inW1.items).toHaveLength(4);
      const withShared = await s.listCommands(tA, { workspaceIds: ['w-1', null] }, null, 10);
      expect(withShared.items).toHaveLength(5);
      expect((await s.listCommands(tA, { workspaceIds: [] }, null, 10)).items).toEqual([]);
    });

    it("finds an agent's open commands and every tenant's commands due to expire", async () => {
      const released = command(tA, { state: 'released' });
      const inProgress = command(tA, { state: 'in_progress', expiresAt: NOW - 1 });
      const done = command(tA, { state: 'succeeded' });
      const other = command(tA, { state: 'released', agentId: 'other' });
      const awaiting = command(tB, { state: 'awaiting_approval', expiresAt: NOW - 5 });
      for (const c of [released, inProgress, done, other, awaiting])
        await s.createCommand(c, { ...first, to: c.state });
      const open = await s.openCommandsOfAgent(tA, 'rover-1');
      expect(open.map((c) => c.id)).toEqual([released.id, inProgress.id]);
      expect(await s.openCommandsOfAgent(tB, 'rover-1')).toEqual([]);
      expect((await s.expiredBy(NOW, 10)).map((c) => c.id)).toEqual([awaiting.id]);
      const due = await s.expiredBy(NOW + 60_000, 10);
      expect(due.map((c) => c.id).sort()).toEqual([awaiting.id, released.id, other.id].sort());
      expect(await s.expiredBy(NOW + 60_000, 1)).toHaveLength(1);
    });

    it('stores a run once however often its start and end are reported', async () => {
      const r = run(tA);
      expect(await s.startRun(r)).toEqual({ run: r, created: true });
      expect(await s.startRun({ ...r, id: newId(), protocol: 'other' })).toEqual({
        run: r,
        created: false,
      });
      const finish = {
        status: 'completed' as const,
        finishedAt: NOW + 10,
        results: { rows: 3 },
        qc: [{ metric: 'drift', value: 0.1, unit: null, min: null, max: 0.5, pass: true }],
        qcPassed: true,
        artifactHashes: ['a'.repeat(64)],
      };
      const unknown = () => run(tA);
      const ended = await s.finishRun(tA, r.agentId, r.runKey, finish, unknown);
      expect(ended).toEqual({ run: { ...r, ...finish }, changed: true });
      const again = await s.finishRun(
        tA,
        r.agentId,
        r.runKey,
        { ...finish, qcPassed: false },
        unknown,
      );
      expect(again).toEqual({ run: { ...r, ...finish }, changed: false });
      expect(await s.getRun(tA, r.id)).toEqual({ ...r, ...finish });
      expect(await s.getRun(tB, r.id)).toBeNull();
      const orphan = run(tA, { runKey: 'never-started', startedAt: null });
      const stored = await s.finishRun(tA, 'rover-1', 'never-started', finish, () => orphan);
      expect(stored.run).toEqual({ ...orphan, ...finish });
      expect(await s.getRun(tA, orphan.id)).toEqual({ ...orphan, ...finish });
    });

    it('keeps runs of the same key apart per agent and tenant, and lists them newest first', async () => {
      const a = run(tA, { runKey: 'r1' });
      const b = run(tA, { runKey: 'r1', agentId: 'incubator-1', instrumentId: 'i-2' });
      const c = run(tB, { runKey: 'r1' });
      for (const x of [a, b, c]) expect((await s.startRun(x)).created).toBe(true);
      const all = await s.listRuns(tA, {}, null, 1);
      expect(all.items.map((x) => x.id)).toEqual([b.id]);
      const rest = await s.listRuns(tA, {}, all.nextCursor, 5);
      expect(rest).toEqual({ items: [a], nextCursor: null });
      expect((await s.listRuns(tA, { instrumentId: 'i-2' }, null, 5)).items).toEqual([b]);
      expect((await s.listRuns(tB, {}, null, 5)).items).toEqual([c]);
    });
  });
}
