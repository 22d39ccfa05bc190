/**
 * Sync load benchmark (issue 3 item 6): D documents × C clients, each making E small edits at
 * R edits/s, run against the reference server (@y/websocket-server, in memory) and Fieldbook's
 * sync server (durable SQLite), one after the other. Prints one JSON line per run to stdout
 * (plus a median line when --runs > 1) and a table to stderr. Exits nonzero if a run fails or
 * does not converge.
 *
 *   pnpm --filter @fieldbook/bench sync -- --docs 50 --clients 10 --edits 20 --rate 2 \
 *     --warmup 2 --workers 3 --targets reference,fieldbook --runs 3 --retries 2 --quiet-wait 60
 *     [--profile <dir>] [--syscalls]
 *
 * The cost of the document-level write checks, on and off in one run, on Fieldbook notes:
 *   pnpm --filter @fieldbook/bench sync -- --targets fieldbook,fieldbook-nochecks --kind note
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { killChildrenOnExit } from './children';
import {
  checksCost,
  compare,
  keyFigures,
  machine,
  medianFigures,
  table,
  type KeyFigures,
} from './report';
import { runTarget } from './run-target';
import type { TargetResult, Workload } from './target-result';
import { TARGETS, type TargetName } from './server-process';
import { waitForQuietMachine } from './proc-stats';

/** Busy cores (other people's work) below which the machine counts as quiet. */
const QUIET_LIMIT_CORES = 0.3;

interface Options {
  workload: Workload;
  targets: TargetName[];
  runs: number;
  /** How often a run disturbed by other load is repeated. */
  retries: number;
  /** Seconds to wait at most for a quiet machine before each run. */
  quietWaitSeconds: number;
  profileDir?: string;
  countSyscalls: boolean;
}

function positive(name: string, raw: string, integer: boolean): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got '${raw}'`);
  }
  return value;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      docs: { type: 'string', default: '50' },
      clients: { type: 'string', default: '10' },
      edits: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '2' },
      rate: { type: 'string', default: '2' },
      workers: { type: 'string', default: '3' },
      targets: { type: 'string', default: 'reference,fieldbook' },
      runs: { type: 'string', default: '1' },
      profile: { type: 'string' },
      retries: { type: 'string', default: '2' },
      syscalls: { type: 'boolean', default: false },
      'quiet-wait': { type: 'string', default: '60' },
      kind: { type: 'string', default: 'plain' },
    },
    allowPositionals: false,
  });
  const targets = values.targets.split(',').map((t) => t.trim());
  if (values.kind !== 'plain' && values.kind !== 'note') {
    throw new Error(`--kind must be plain or note, got '${values.kind}'`);
  }
  for (const t of targets) {
    if (!(TARGETS as readonly string[]).includes(t)) {
      throw new Error(`unknown target '${t}' (known: ${TARGETS.join(', ')})`);
    }
  }
  return {
    workload: {
      docs: positive('docs', values.docs, true),
      clientsPerDoc: positive('clients', values.clients, true),
      editsPerClient: positive('edits', values.edits, true),
      warmupEditsPerClient: values.warmup === '0' ? 0 : positive('warmup', values.warmup, true),
      editsPerSecond: positive('rate', values.rate, false),
      workers: positive('workers', values.workers, true),
      docKind: values.kind,
    },
    targets: targets as TargetName[],
    runs: positive('runs', values.runs, true),
    countSyscalls: values.syscalls,
    retries: values.retries === '0' ? 0 : positive('retries', values.retries, true),
    quietWaitSeconds:
      values['quiet-wait'] === '0' ? 0 : positive('quiet-wait', values['quiet-wait'], false),
    ...(values.profile ? { profileDir: resolve(values.profile) } : {}),
  };
}

/** The JSON object of one run (or of the medians): figures per target, ratios, machine. */
function resultLine(
  extra: Record<string, unknown>,
  workload: Workload,
  figures: Partial<Record<TargetName, KeyFigures | TargetResult>>,
  key: Partial<Record<TargetName, KeyFigures>>,
): Record<string, unknown> {
  const comparison =
    key.fieldbook && key.reference ? compare(key.fieldbook, key.reference) : undefined;
  const checks =
    key.fieldbook && key['fieldbook-nochecks']
      ? { writeChecks: checksCost(key.fieldbook, key['fieldbook-nochecks']) }
      : undefined;
  return { ...extra, workload, ...figures, ...comparison, ...checks, machine: machine() };
}

/**
 * Runs a target once, repeating (up to --retries times) a run disturbed by other load, and
 * keeps the least disturbed attempt (fewest cores taken by other processes).
 */
async function runUndisturbed(
  target: TargetName,
  run: number,
  opts: Options,
): Promise<TargetResult & { attempts: number }> {
  let best: TargetResult | undefined;
  let attempt = 1;
  for (; ; attempt++) {
    await waitForQuietMachine(QUIET_LIMIT_CORES, opts.quietWaitSeconds * 1000);
    console.error(`sync-load: run ${run}/${opts.runs}, ${target}, attempt ${attempt} ...`);
    const result = await runTarget(target, opts.workload, {
      runLabel: `run${run}`,
      countSyscalls: opts.countSyscalls,
      ...(opts.profileDir ? { profileDir: opts.profileDir } : {}),
    });
    // A run that did not converge is reported whatever its load: correctness comes first.
    if (!result.convergence.converged) return { ...result, attempts: attempt };
    if (!best || result.machineLoad.otherCores < best.machineLoad.otherCores) best = result;
    if (result.disturbances.length === 0 || attempt > opts.retries) break;
    console.error(`sync-load: ${target} disturbed (${result.disturbances.join('; ')}), again`);
  }
  return { ...best, attempts: attempt };
}

async function main(): Promise<number> {
  killChildrenOnExit();
  // y-websocket adds a process 'exit' listener per provider (the verifier opens one per doc).
  process.setMaxListeners(0);
  const opts = parseOptions(process.argv.slice(2).filter((a) => a !== '--'));
  if (opts.profileDir) mkdirSync(opts.profileDir, { recursive: true });
  const perTarget: Partial<Record<TargetName, KeyFigures[]>> = {};
  let allConverged = true;
  for (let run = 1; run <= opts.runs; run++) {
    // Alternate the order so neither target always runs on a warmer (or hotter) machine.
    const order = run % 2 === 1 ? opts.targets : [...opts.targets].reverse();
    const results: Partial<Record<TargetName, TargetResult>> = {};
    const key: Partial<Record<TargetName, KeyFigures>> = {};
    for (const target of order) {
      const result = await runUndisturbed(target, run, opts);
      results[target] = result;
      key[target] = keyFigures(result);
      (perTarget[target] ??= []).push(keyFigures(result));
      if (result.disturbances.length > 0) {
        console.error(`sync-load: ${target} run disturbed: ${result.disturbances.join('; ')}`);
      }
      if (!result.convergence.converged) {
        allConverged = false;
        console.error(
          `sync-load: ${target} did NOT converge:\n  ${result.convergence.problems.join('\n  ')}`,
        );
      }
    }
    console.log(JSON.stringify(resultLine({ run }, opts.workload, results, key)));
    console.error(table(`run ${run}`, key));
  }
  if (opts.runs > 1) {
    const medians: Partial<Record<TargetName, KeyFigures>> = {};
    for (const t of opts.targets) {
      const runs = perTarget[t];
      if (runs) medians[t] = medianFigures(runs);
    }
    console.log(
      JSON.stringify(resultLine({ medianOfRuns: opts.runs }, opts.workload, medians, medians)),
    );
    console.error(table(`median of ${opts.runs} runs`, medians));
  }
  return allConverged ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(
      `sync-load failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    process.exit(2);
  },
);
