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
    expect(batches.map((b) => b.firstSeq)).toEqual([0, 8, 16]);
  });

  it('explains a bad command and exits with 2', () => {
    const out = run('simulate', 'toaster');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('Unknown simulator "toaster"');
  });
}, 30_000);
