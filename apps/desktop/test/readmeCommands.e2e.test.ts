// The README's commands, run as written: its two setup commands are the
// scripts CI runs, and every shell block of "First tenant", "Audit trail" and
// "Instruments" runs in bash, in order, against `pnpm serve` — only the port,
// the /etc and /mnt paths (to temp dirs), and the agent's run length and
// buffer directory are changed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const readme = readFileSync(join(repo, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const tmp = mkdtempSync(join(tmpdir(), 'fieldbook-readme-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function block(marker: string): string {
  const found = blocks.filter((b) => b.includes(marker));
  if (found.length !== 1) throw new Error(`README: ${found.length} shell blocks hold "${marker}"`);
  return found[0]!;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Bash that starts `pnpm serve` in the background (its own process group), answers logged. */
function prelude(port: number, dir: string): string {
  return `set -euo pipefail
cd ${JSON.stringify(repo)}
# \`pnpm serve\` as a newcomer runs it: embedded SQLite, whatever CI exports for shared-mode tests.
unset DATABASE_URL REDIS_URL
export PORT=${port} DATA_DIR=${JSON.stringify(join(dir, 'data'))} FIELDBOOK_WEB_DIR=${JSON.stringify(dir)} LOG_LEVEL=warn
ANSWERS=${JSON.stringify(join(dir, 'answers'))}
curl() { command curl "$@" | tee -a "$ANSWERS"; echo >> "$ANSWERS"; }
stop_server() { if [ -n "\${SERVER:-}" ]; then kill -TERM -- -"$SERVER" 2>/dev/null || true; while kill -0 -- -"$SERVER" 2>/dev/null; do sleep 0.1; done; SERVER=; fi; }
start_server() {
  stop_server
  setsid pnpm serve > ${JSON.stringify(join(dir, 'serve.log'))} 2>&1 &
  SERVER=$!
  for _ in $(seq 1 600); do command curl -sf http://127.0.0.1:${port}/health > /dev/null && return 0; sleep 0.1; done
  cat ${JSON.stringify(join(dir, 'serve.log'))}; return 1
}
trap stop_server EXIT
`;
}

/** A README block as the test runs it. */
function runnable(text: string, port: number, dir: string): string {
  return text
    .replaceAll('127.0.0.1:4400', `127.0.0.1:${port}`)
    .replaceAll('/etc/fieldbook', join(dir, 'etc'))
    .replaceAll('/mnt/archive', join(dir, 'archive'))
    .replace(/^pnpm serve\b.*$/m, 'start_server')
    .replace(
      /^(FIELDBOOK_AGENT_KEY=.* agent run rover .*)$/m,
      `$1 --seconds 8 --buffer ${join(dir, 'agent-buffer')}`,
    );
}

/** Runs blocks in one bash session; returns its output, the answers the server gave, and its exit. */
async function session(name: string, parts: string[], epilogue = '') {
  const dir = mkdtempSync(join(tmp, `${name}-`));
  const port = await freePort();
  const script = [prelude(port, dir), ...parts.map((b) => runnable(b, port, dir)), epilogue].join(
    '\n',
  );
  const result = spawnSync('bash', ['-c', script], { encoding: 'utf8', timeout: 240_000 });
  const answers = readFileSync(join(dir, 'answers'), 'utf8');
  return { ...result, answers, port };
}

describe('README commands', () => {
  it('sets up with `pnpm install && pnpm test`, the command .ci/run ends with', () => {
    const setup = block('pnpm install && pnpm test');
    expect(setup).toMatch(/^pnpm install && pnpm start\b/m);
    const scripts = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).scripts;
    for (const name of ['start', 'test', 'serve', 'bench']) expect(scripts[name]).toBeTruthy();
    const ci = readFileSync(join(repo, '.ci/run'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.trim().startsWith('#'));
    expect(ci.at(-1)).toBe('pnpm test');
    expect(ci.some((l) => /^pnpm install\b/.test(l))).toBe(true);
    expect(ci.join('\n')).not.toMatch(/chromium/);
  });

  it('first tenant, invitation, API key, audit verify and the rover simulator, as written', async () => {
    const secret = block('export FIELDBOOK_SECRET');
    const parts = [
      secret,
      block('/auth/signup'),
      block('# → {"accessToken"'),
      block('TOKEN=$('),
      block('/invitations/accept'),
      block('/audit/verify'),
      block('"agent":true'),
      block('agent run rover'),
    ];
    const run = await session(
      'tenant',
      parts,
      `command curl -s http://127.0.0.1:$PORT/api/v1/workspaces/$WS/instruments -H "authorization: Bearer $TOKEN"`,
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.answers).not.toMatch(/"error"/);
    expect(run.answers).toMatch(/"tenant":\{"id":"[^"]+","name":"Mars Lab"\}/);
    expect(run.answers).toMatch(/"created":true/);
    expect(run.answers).toMatch(/"ok":true/);
    expect(run.answers).toMatch(/"key":"fb_[^"]+"/);
    expect(run.stdout).toMatch(/\/#\/invitation\/[A-Za-z0-9_-]{20,}/);
    // The simulator registered its instruments in the key's workspace.
    expect(run.stdout).toMatch(/"items":\[\{[^\]]*"rover/);
  });

  it('audit keys of its own before the first start: the server starts and verifies', async () => {
    const secretOnly = block('export FIELDBOOK_SECRET').replace(/^pnpm serve.*$/m, '');
    const run = await session('audit-keys', [
      secretOnly,
      block('AUDIT_KEYS='),
      block('/auth/signup'),
      block('TOKEN=$('),
      block('/audit/verify'),
    ]);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.answers).not.toMatch(/"error"/);
    expect(run.answers).toMatch(/"ok":true/);
    expect(run.answers).toMatch(/BEGIN PUBLIC KEY|"publicKey"/);
  });
});
