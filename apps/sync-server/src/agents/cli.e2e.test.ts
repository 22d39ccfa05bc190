import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startGateway, KEYS, type GatewayHarness } from './testing/gatewayHarness';

let h: GatewayHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('fieldbook-agent run streams a rover to the gateway, with the key from the environment and never printed', async () => {
  h = await startGateway();
  dir = mkdtempSync(join(tmpdir(), 'fieldbook-cli-'));
  const agentPkg = join(dirname(fileURLToPath(import.meta.resolve('@fieldbook/agent'))), '..');
  const child = spawn(
    process.execPath,
    [
      join(agentPkg, 'bin/fieldbook-agent.js'),
      'run',
      'rover',
      '--server',
      `http://127.0.0.1:${h.port}`,
      '--rate',
      '50',
      '--seconds',
      '2',
      '--buffer',
      dir,
    ],
    {
      env: { ...process.env, FIELDBOOK_AGENT_KEY: KEYS.a },
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(0);
  expect(output).toContain('connected');
  expect(output).not.toContain(KEYS.a.slice(8));
  const [pos] = await h.store.streamPositions('tenant-a', 'rover-sim');
  expect(pos!.storedSeq).toBeGreaterThan(13 * 50);
  expect((await h.store.listInstruments('tenant-a')).map((i) => [i.key, i.state])).toEqual([
    ['rover', 'idle'],
  ]);
}, 30_000);
