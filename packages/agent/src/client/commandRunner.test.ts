import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { CommandError, CommandRunner, type CommandHandler } from './commandRunner';
import { Outbox, type EventBody } from './outbox';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function runner(dir = mkdtempSync(join(tmpdir(), 'fb-runner-'))) {
  if (!dirs.includes(dir)) dirs.push(dir);
  const outbox = new Outbox(dir);
  const sent: EventBody[] = [];
  const progress: number[] = [];
  const r = new CommandRunner(dir, {
    outbox,
    report: (body) => {
      outbox.add(body);
      sent.push(body);
    },
    progress: (_id, percent) => progress.push(percent),
    serverNow: () => Date.now(),
  });
  return { r, outbox, sent, progress, dir };
}

const request = (command: string, over: Record<string, unknown> = {}) => ({
  type: 'command.request' as const,
  v: 1 as const,
  msgId: newId(),
  sentAt: Date.now(),
  commandId: newId(),
  instrumentId: 'rover',
  command,
  params: {},
  requestedBy: 'Ada',
  approvedBy: null,
  expiresAt: Date.now() + 60_000,
  ...over,
});

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('CommandRunner', () => {
  it('runs a commandId once however often it is sent, and reports ack then result', async () => {
    const { r, sent } = runner();
    let runs = 0;
    r.handle('rover', async () => {
      runs++;
      return { ok: true };
    });
    const m = request('camera.mode');
    r.request(m);
    r.request({ ...m, msgId: newId() });
    await settle();
    r.request(m);
    await settle();
    expect(runs).toBe(1);
    expect(sent.map((b) => b.type)).toEqual(['command.ack', 'command.result']);
    expect(sent[1]).toMatchObject({ outcome: 'success', output: { ok: true } });
  });

  it('refuses an expired command, one without a handler, and one cancelled before it came', async () => {
    const { r, sent } = runner();
    r.handle('rover', async () => ({}));
    r.request(request('x', { expiresAt: Date.now() - 1 }));
    r.request(request('x', { instrumentId: 'other' }));
    const late = request('x');
    r.cancel({
      type: 'command.cancel',
      v: 1,
      msgId: 'm',
      sentAt: 0,
      commandId: late.commandId,
      reason: 'no',
    });
    r.request(late);
    await settle();
    expect(sent.map((b) => [b.type, 'accepted' in b ? b.accepted : null])).toEqual([
      ['command.ack', false],
      ['command.ack', false],
      ['command.ack', false],
    ]);
  });

  it('reports a defined error, a cancel as CANCELLED, and progress as it comes', async () => {
    const { r, sent, progress } = runner();
    const handler: CommandHandler = async (c, control) => {
      if (c.command === 'fail') throw new CommandError('JAMMED', 'The drill is jammed');
      control.progress(50);
      control.progress(150);
      await new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, 5_000);
        control.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('stopped'));
        });
      });
    };
    r.handle('rover', handler);
    r.request(request('fail'));
    const long = request('drive');
    r.request(long);
    await settle();
    expect(r.active).toBe(1);
    r.cancel({
      type: 'command.cancel',
      v: 1,
      msgId: 'm',
      sentAt: 0,
      commandId: long.commandId,
      reason: 'x',
    });
    await settle();
    const results = sent.filter((b) => b.type === 'command.result');
    expect(results.map((b) => ('error' in b ? b.error?.code : null))).toEqual([
      'JAMMED',
      'CANCELLED',
    ]);
    expect(progress).toEqual([50, 100]);
    expect(r.active).toBe(0);
  });

  it('after a restart: never reruns a finished command, reports one that was running as INTERRUPTED', async () => {
    const first = runner();
    first.r.handle('rover', () => new Promise(() => {}));
    const running = request('drive');
    first.r.request(running);
    const second = runner(first.dir);
    expect(second.sent).toEqual([
      {
        type: 'command.result',
        commandId: running.commandId,
        outcome: 'error',
        error: { code: 'INTERRUPTED', message: expect.any(String) },
      },
    ]);
    let runs = 0;
    second.r.handle('rover', async () => {
      runs++;
    });
    second.r.request(running);
    await settle();
    expect(runs).toBe(0);
    const third = runner(first.dir);
    expect(third.sent).toEqual([]);
    expect(third.outbox.pending().map((e) => e.body.type)).toEqual([
      'command.ack',
      'command.result',
    ]);
  });
});

describe('Outbox', () => {
  it('keeps messages across a reopen until acknowledged, with the same msgId', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fb-outbox-'));
    dirs.push(dir);
    const a = new Outbox(dir);
    const one = a.add({ type: 'command.ack', commandId: 'c1', accepted: true });
    const two = a.add({ type: 'command.ack', commandId: 'c2', accepted: true });
    a.ack([one.msgId, 'unknown']);
    const b = new Outbox(dir);
    expect(b.pending()).toEqual([two]);
    for (let i = 0; i < 1500; i++)
      b.ack([b.add({ type: 'command.ack', commandId: `x${i}`, accepted: true }).msgId]);
    expect(new Outbox(dir).pending()).toEqual([two]);
  });
});
