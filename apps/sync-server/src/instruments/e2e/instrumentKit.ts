/**
 * Helpers of the instrument end-to-end tests: a tenant with operators, an
 * agent key, real `fieldbook-agent` CLI processes, a live-feed viewer, and
 * polling a command until it reaches a state.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import type { Command, CommandState, LiveServerMessage } from '@fieldbook/shared';
import { tenantWithRoles } from '../../api/e2e/fixtures';
import type { IdentityServer } from '../../api/e2e/serverKit';

/** A tenant whose contributor and reviewer are operators (the admin member is not), with an agent key. */
export async function operatorsTenant(s: IdentityServer) {
  const t = await tenantWithRoles(s);
  for (const role of ['contributor', 'reviewer'] as const) {
    const r = await s.call('PATCH', `/workspaces/${t.ws}/members/${t.members[role].userId}`, {
      token: t.admin.token,
      body: { role, capabilities: ['operator'] },
    });
    if (r.status !== 200) throw new Error(`operator ${role}: ${JSON.stringify(r.body)}`);
  }
  const key = await s.call('POST', '/api-keys', {
    token: t.admin.token,
    body: { name: 'rover agent', workspaceId: t.ws, access: 'write', agent: true },
  });
  if (key.status !== 201) throw new Error(`agent key: ${JSON.stringify(key.body)}`);
  return { ...t, agentKey: key.body.key as string };
}

const AGENT_BIN = join(
  dirname(fileURLToPath(import.meta.resolve('@fieldbook/agent'))),
  '../bin/fieldbook-agent.js',
);

/** A `fieldbook-agent run` process: its output so far, and how to kill or stop it. */
export interface AgentProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves once the agent has printed `connected` `times` times in all. */
  connected(times?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the CLI simulator `sim` against the server on `port`, buffering in `bufferDir`. */
export function spawnAgent(
  sim: 'rover' | 'incubator',
  o: { port: number; key: string; bufferDir: string; agentId?: string; args?: string[] },
): AgentProcess {
  const child = spawn(
    process.execPath,
    [
      AGENT_BIN,
      'run',
      sim,
      '--server',
      `http://127.0.0.1:${o.port}`,
      '--rate',
      '10',
      '--buffer',
      o.bufferDir,
      '--agent-id',
      o.agentId ?? `${sim}-e2e`,
      ...(o.args ?? []),
    ],
    { env: { ...process.env, FIELDBOOK_AGENT_KEY: o.key }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => out,
    async connected(times = 1) {
      await until(
        () => (out.match(/ connected \(/g) ?? []).length >= times,
        `agent connected ×${times}:\n${out}`,
        20_000,
      );
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A temporary directory removed at cleanup. */
export function scratch(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Polls `check` until true, failing with `what` after `ms`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

type Transition = {
  seq: number;
  from: CommandState | null;
  to: CommandState;
  by: { type: string };
};
export type CommandWithTransitions = Command & { transitions: Transition[] };

/** Polls `GET /commands/:id` until the command is in one of `states`. */
export async function commandIn(
  s: IdentityServer,
  token: string,
  id: string,
  states: CommandState[],
  ms = 15_000,
): Promise<CommandWithTransitions> {
  let last: CommandWithTransitions | null = null;
  await until(
    async () => {
      last = (await s.call('GET', `/commands/${id}`, { token })).body as CommandWithTransitions;
      return states.includes(last.state);
    },
    `command ${id} to be ${states.join('/')} (last: ${JSON.stringify(last)})`,
    ms,
  );
  return last!;
}

/** The id of the workspace's instrument with `key`, once its agent has registered it. */
export async function instrumentId(s: IdentityServer, token: string, ws: string, key: string) {
  let id = '';
  await until(async () => {
    const r = await s.call('GET', `/workspaces/${ws}/instruments`, { token });
    id = (r.body.items as { id: string; key: string }[]).find((i) => i.key === key)?.id ?? '';
    return id !== '';
  }, `instrument ${key}`);
  return id;
}

/** A live-feed viewer of workspace `ws`: every message it was sent. */
export async function liveViewer(port: number, ws: string, token: string) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/telemetry/${ws}/live`, [
    'fieldbook.v1',
    `bearer.${token}`,
  ]);
  const messages: LiveServerMessage[] = [];
  socket.on('message', (d: Buffer) => messages.push(JSON.parse(d.toString()) as LiveServerMessage));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => resolve());
  });
  await until(() => messages.some((m) => m.type === 'ready'), 'live feed ready');
  return { messages, close: () => socket.close() };
}
