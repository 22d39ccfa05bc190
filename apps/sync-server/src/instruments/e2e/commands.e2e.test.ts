import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { startIdentityServer, type IdentityServer } from '../../api/e2e/serverKit';
import {
  commandIn,
  instrumentId,
  liveViewer,
  operatorsTenant,
  scratch,
  spawnAgent,
  until,
  type AgentProcess,
} from './instrumentKit';

// One real server and one real `fieldbook-agent run rover` process for the suite.
let s: IdentityServer;
let t: Awaited<ReturnType<typeof operatorsTenant>>;
let agent: AgentProcess;
let buffer: ReturnType<typeof scratch>;
let rover: string;
beforeAll(async () => {
  s = await startIdentityServer();
  t = await operatorsTenant(s);
  buffer = scratch('fb-cmd-e2e-');
  agent = spawnAgent('rover', { port: s.port, key: t.agentKey, bufferDir: buffer.dir });
  await agent.connected();
  rover = await instrumentId(s, t.admin.token, t.ws, 'rover');
}, 30_000);
afterAll(async () => {
  await agent?.kill('SIGTERM');
  await s?.close();
  buffer?.cleanup();
});

const post = (token: string, body: unknown) =>
  s.call('POST', `/instruments/${rover}/commands`, { token, body });

describe('commands to a real agent process', () => {
  it('refuses a command from anyone without the operator capability, whatever their role', async () => {
    for (const token of [t.members.viewer.token, t.members.admin.token, t.admin.token]) {
      const r = await post(token, { command: 'camera.mode', params: { mode: 'science' } });
      expect([r.status, r.body.error.code]).toEqual([403, 'AUTH_INSUFFICIENT_PERMISSIONS']);
    }
    const list = await s.call('GET', `/instruments/${rover}/commands`, { token: t.admin.token });
    expect(list.body.items).toEqual([]);
  });

  it('checks params against the manifest and refuses unknown commands', async () => {
    const op = t.members.contributor.token;
    const bad = await post(op, { command: 'drive.move', params: { meters: 500 } });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect(JSON.stringify(bad.body.error.details)).toContain('meters');
    const extra = await post(op, { command: 'camera.mode', params: { mode: 'science', x: 1 } });
    expect(extra.status).toBe(400);
    const unknown = await post(op, { command: 'self.destruct', params: {} });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('releases a normal command at once and the agent runs it to success, seen live by a viewer', async () => {
    const viewer = await liveViewer(s.port, t.ws, t.members.viewer.token);
    const r = await post(t.members.contributor.token, {
      command: 'camera.mode',
      params: { mode: 'science' },
      note: 'for the outcrop',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'released', hazard: 'normal', note: 'for the outcrop' });
    expect(r.body.requestedBy).toMatchObject({ type: 'user', name: 'contributor' });
    const done = await commandIn(s, t.admin.token, r.body.id, ['succeeded']);
    expect(done.output).toEqual({ mode: 'science' });
    expect(done.transitions.map((x) => x.to)).toEqual([
      'queued',
      'released',
      'acknowledged',
      'succeeded',
    ]);
    expect(done.transitions.at(-1)!.by.type).toBe('agent');
    const seen = () =>
      viewer.messages.flatMap((m) =>
        m.type === 'command' && m.command.id === r.body.id ? [m.command.state] : [],
      );
    await commandIn(s, t.admin.token, r.body.id, ['succeeded']);
    await new Promise((x) => setTimeout(x, 100));
    expect(seen()).toEqual(['released', 'acknowledged', 'succeeded']);
    viewer.close();
  });

  it('holds a hazardous command for a second operator: the requester cannot approve it', async () => {
    const r = await post(t.members.contributor.token, {
      command: 'drill.arm',
      params: { depthCm: 4 },
    });
    expect([r.status, r.body.state]).toEqual([201, 'awaiting_approval']);
    const self = await s.call('POST', `/commands/${r.body.id}/approve`, {
      token: t.members.contributor.token,
    });
    expect([self.status, self.body.error.code]).toEqual([403, 'AUTH_INSUFFICIENT_PERMISSIONS']);
    const viewerTry = await s.call('POST', `/commands/${r.body.id}/approve`, {
      token: t.members.viewer.token,
    });
    expect(viewerTry.status).toBe(403);
    await new Promise((x) => setTimeout(x, 300));
    expect((await commandIn(s, t.admin.token, r.body.id, ['awaiting_approval'])).state).toBe(
      'awaiting_approval',
    );
    const ok = await s.call('POST', `/commands/${r.body.id}/approve`, {
      token: t.members.reviewer.token,
    });
    expect([ok.status, ok.body.state]).toEqual([200, 'released']);
    expect(ok.body.decidedBy).toMatchObject({ type: 'user', name: 'reviewer' });
    const done = await commandIn(s, t.admin.token, r.body.id, ['succeeded']);
    expect(done.output).toEqual({ armed: true, depthCm: 4 });
    expect(done.transitions.map((x) => x.to)).toEqual([
      'queued',
      'awaiting_approval',
      'released',
      'acknowledged',
      'in_progress',
      'succeeded',
    ]);
    const again = await s.call('POST', `/commands/${r.body.id}/approve`, {
      token: t.members.reviewer.token,
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'CONFLICT']);
  });

  it('lets a second operator reject a hazardous command, which never reaches the agent', async () => {
    const r = await post(t.members.reviewer.token, {
      command: 'drill.arm',
      params: { depthCm: 2 },
    });
    const no = await s.call('POST', `/commands/${r.body.id}/reject`, {
      token: t.members.contributor.token,
      body: { reason: 'Wrong site' },
    });
    expect([no.status, no.body.state, no.body.reason]).toEqual([200, 'rejected', 'Wrong site']);
    const queue = await s.call('GET', `/workspaces/${t.ws}/commands?state=awaiting_approval`, {
      token: t.members.viewer.token,
    });
    expect(queue.body.items.map((c: { id: string }) => c.id)).not.toContain(r.body.id);
  });

  it('cancels a drive the agent is carrying out: the agent stops it and says so', async () => {
    const r = await post(t.members.contributor.token, {
      command: 'drive.move',
      params: { meters: 5, speed: 0.5 },
    });
    await commandIn(s, t.admin.token, r.body.id, ['in_progress']);
    const c = await s.call('POST', `/commands/${r.body.id}/cancel`, {
      token: t.members.reviewer.token,
      body: { reason: 'Obstacle' },
    });
    expect(c.status).toBe(200);
    expect(c.body.cancelRequestedBy).toMatchObject({ name: 'reviewer' });
    const done = await commandIn(s, t.admin.token, r.body.id, ['cancelled']);
    expect(done.error).toMatchObject({ code: 'CANCELLED' });
    const late = await s.call('POST', `/commands/${r.body.id}/cancel`, {
      token: t.members.reviewer.token,
    });
    expect(late.status).toBe(409);
  });

  it('takes a retried request with the same commandId once, and refuses the id for another command', async () => {
    const commandId = newId();
    const body = { command: 'camera.mode', params: { mode: 'off' }, commandId };
    const first = await post(t.members.contributor.token, body);
    const retry = await post(t.members.contributor.token, body);
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body.id).toBe(commandId);
    const clash = await post(t.members.contributor.token, { ...body, params: { mode: 'science' } });
    expect([clash.status, clash.body.error.code]).toEqual([409, 'CONFLICT']);
    const done = await commandIn(s, t.admin.token, commandId, ['succeeded']);
    expect(done.transitions.filter((x) => x.to === 'succeeded')).toHaveLength(1);
  });

  it('records every transition of every command in the audit trail, with who and when', async () => {
    const page = await s.call('GET', `/instruments/${rover}/commands?limit=200`, {
      token: t.admin.token,
    });
    const commands = page.body.items as { id: string }[];
    expect(commands.length).toBeGreaterThanOrEqual(5);
    const audit = await s.call('GET', `/audit?resourceType=command&limit=500`, {
      token: t.admin.token,
    });
    const entries = audit.body.items as {
      action: string;
      resource: { id: string };
      actor: { type: string; id: string };
      ts: number;
    }[];
    for (const c of commands) {
      const one = await s.call('GET', `/commands/${c.id}`, { token: t.admin.token });
      const mine = entries.filter((e) => e.resource.id === c.id);
      expect(mine.filter((e) => e.action === 'command.request')).toHaveLength(1);
      const moves = mine.filter(
        (e) => e.action !== 'command.request' && e.action !== 'command.cancelRequest',
      );
      expect([c.id, moves.length]).toEqual([c.id, one.body.transitions.length - 1]);
      for (const e of mine) expect(e.actor.id).toBeTruthy();
    }
    const verify = await s.call('GET', '/audit/verify', { token: t.admin.token });
    expect(verify.body).toMatchObject({ ok: true });
  });
});

describe('runs through commands (seed 002 POST /runs, PUT /runs/:id/stop)', () => {
  it('starts a run, stores it once with QC against limits and an artifact hash, and stops another', async () => {
    const start = await s.call('POST', '/runs', {
      token: t.members.contributor.token,
      body: { instrumentId: rover, protocol: 'traverse', parameters: { durationSec: 1 } },
    });
    expect(start.status).toBe(202);
    const cmd = await commandIn(s, t.admin.token, start.body.command.id, ['succeeded']);
    const runId = cmd.output!.runId as string;
    let run: Record<string, unknown> = {};
    await commandIn(s, t.admin.token, cmd.id, ['succeeded']);
    const runs = async () =>
      (await s.call('GET', `/instruments/${rover}/runs`, { token: t.members.viewer.token })).body
        .items as Record<string, unknown>[];
    await until(async () => {
      run = (await runs()).find((r) => r.runKey === runId) ?? {};
      return run.status === 'completed';
    }, 'the run to complete');
    expect(run).toMatchObject({
      protocol: 'traverse',
      operator: 'contributor',
      commandId: cmd.id,
      parameters: { durationSec: 1 },
    });
    expect(run.finishedAt as number).toBeGreaterThan(run.startedAt as number);
    expect((run.artifactHashes as string[])[0]).toMatch(/^[0-9a-f]{64}$/);
    const qc = run.qc as { metric: string; pass: boolean | null; max: number | null }[];
    expect(qc.map((q) => q.metric).sort()).toEqual([
      'battery.drop',
      'imu.vibration',
      'wheel.current.max',
    ]);
    expect(qc.every((q) => typeof q.pass === 'boolean' && q.max !== null)).toBe(true);
    expect(run.qcPassed).toBe(qc.every((q) => q.pass));
    const one = await s.call('GET', `/runs/${run.id as string}`, { token: t.members.viewer.token });
    expect(one.body).toEqual(run);

    const long = await s.call('POST', '/runs', {
      token: t.members.contributor.token,
      body: { instrumentId: rover, protocol: 'drill-sample', parameters: { durationSec: 600 } },
    });
    const longCmd = await commandIn(s, t.admin.token, long.body.command.id, ['succeeded']);
    let running: Record<string, unknown> = {};
    await until(async () => {
      running = (await runs()).find((r) => r.runKey === longCmd.output!.runId) ?? {};
      return running.status === 'running';
    }, 'the long run');
    const stop = await s.call('PUT', `/runs/${running.id as string}/stop`, {
      token: t.members.reviewer.token,
    });
    expect([stop.status, stop.body.command.command]).toEqual([202, 'run.stop']);
    await until(
      async () => (await runs()).some((r) => r.id === running.id && r.status === 'aborted'),
      'the stopped run',
    );
    const again = await s.call('PUT', `/runs/${running.id as string}/stop`, {
      token: t.members.reviewer.token,
    });
    expect(again.status).toBe(409);
    const viewerStop = await s.call('POST', '/runs', {
      token: t.members.viewer.token,
      body: { instrumentId: rover, protocol: 'traverse' },
    });
    expect(viewerStop.status).toBe(403);
  });
});
