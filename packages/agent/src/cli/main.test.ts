import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AgentMessageSchema } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/fieldbook-agent.js', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

describe('fieldbook-agent CLI', () => {
  it('prints protocol-valid messages for a simulated run', () => {
    const out = run('simulate', 'incubator', '--seconds', '3', '--rate', '2');
    expect(out.status).toBe(0);
    const messages = out.stdout
      .trim()
      .split('\n')
      .map((l) => AgentMessageSchema.parse(JSON.parse(l)));
    expect(messages.map((m) => m.type)).toEqual([
      'agent.hello',
      'telemetry.batch',
      'telemetry.batch',
      'telemetry.batch',
    ]);
    const batches = messages.filter((m) => m.type === 'telemetry.batch');
    expect(batches.map((b) => b.firstSeq)).toEqual([1, 9, 17]);
  });

  it('gives whole-millisecond times at rates that do not divide a second', () => {
    const out = run('simulate', 'rover', '--seconds', '1', '--rate', '30');
    expect(out.status).toBe(0);
    const batch = AgentMessageSchema.parse(JSON.parse(out.stdout.trim().split('\n')[1]!));
    expect(batch.type === 'telemetry.batch' && batch.samples?.length).toBe(30 * 13);
  });

  it('run needs a server and a key, and never echoes the key', () => {
    const noKey = spawnSync(
      process.execPath,
      [bin, 'run', 'rover', '--server', 'http://127.0.0.1:9'],
      {
        encoding: 'utf8',
        env: { ...process.env, FIELDBOOK_AGENT_KEY: '' },
      },
    );
    expect(noKey.status).toBe(2);
    expect(noKey.stderr).toContain('needs an API key');
    const noServer = run('run', 'rover', '--key', 'fb_abc_secretvalue');
    expect(noServer.status).toBe(2);
    expect(noServer.stderr).toContain('needs --server');
    expect(noServer.stderr + noServer.stdout).not.toContain('secretvalue');
  });

  it('explains a bad command and exits with 2', () => {
    const out = run('simulate', 'toaster');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('Unknown simulator "toaster"');
  });
}, 30_000);
