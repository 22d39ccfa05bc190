import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newId, type Sample } from '@fieldbook/shared';
import type { AgentClient } from '../client/agentClient';
import { CommandError, type CommandControl, type IncomingCommand } from '../client/commandRunner';
import type { Simulator } from './simulator';

interface ActiveRun {
  runId: string;
  protocol: string;
  startedAt: number;
  durationSec: number;
  samples: Sample[];
  timer: NodeJS.Timeout | null;
}

/** Samples a run keeps for its QC metrics and artifact (older ones are dropped). */
const MAX_RUN_SAMPLES = 200_000;

/**
 * A simulator wired to an agent client: streams its samples, carries out its
 * commands, and keeps its runs — `run.start` / `run.stop` commands (or
 * `startRun` directly) report `run.started` and, when the run ends,
 * `run.finished` with the simulator's QC metrics and the sha256 of the run's
 * CSV artifact. A run cut short by the agent stopping is reported aborted
 * when it starts again. State goes busy while a command or run is active.
 */
export class SimulatedAgent {
  private run: ActiveRun | null = null;
  private commandsActive = 0;
  private readonly runFile: string;

  constructor(
    private readonly o: { client: AgentClient; sim: Simulator; dir: string; agentId: string },
  ) {
    mkdirSync(o.dir, { recursive: true });
    this.runFile = join(o.dir, 'run.json');
    this.abortLeftoverRun();
    o.client.handleCommands(o.sim.instrument.id, (command, control) =>
      this.command(command, control),
    );
    o.client.on('welcome', () => this.sendStatus());
  }

  /** busy while a command or run is active, idle otherwise. */
  get state(): 'idle' | 'busy' {
    return this.run || this.commandsActive > 0 ? 'busy' : 'idle';
  }

  /** The running run's id, if any. */
  get runId(): string | null {
    return this.run?.runId ?? null;
  }

  /** Pushes samples to the server, and to the running run. */
  push(samples: Sample[]): void {
    if (samples.length === 0) return;
    this.o.client.push(this.o.sim.instrument.id, samples);
    if (!this.run) return;
    this.run.samples.push(...samples);
    if (this.run.samples.length > MAX_RUN_SAMPLES)
      this.run.samples.splice(0, this.run.samples.length - MAX_RUN_SAMPLES);
  }

  /** Starts a run that ends by itself after `durationSec`. */
  startRun(protocol: string, durationSec: number, operator: string, commandId?: string): string {
    if (this.run) throw new CommandError('BUSY', `Run ${this.run.runId} is still running`);
    const run: ActiveRun = {
      runId: newId(),
      protocol,
      startedAt: Date.now(),
      durationSec,
      samples: [],
      timer: null,
    };
    run.timer = setTimeout(() => this.finishRun('completed'), durationSec * 1000);
    run.timer.unref();
    this.run = run;
    writeFileSync(this.runFile, JSON.stringify({ runId: run.runId, startedAt: run.startedAt }));
    this.o.client.report({
      type: 'run.started',
      runId: run.runId,
      instrumentId: this.o.sim.instrument.id,
      protocol,
      operator,
      startedAt: run.startedAt,
      parameters: { durationSec },
      ...(commandId ? { commandId } : {}),
    });
    this.sendStatus();
    return run.runId;
  }

  /** Ends the running run with its QC metrics and artifact hash. */
  finishRun(outcome: 'completed' | 'aborted'): void {
    const run = this.run;
    if (!run) return;
    if (run.timer) clearTimeout(run.timer);
    this.run = null;
    rmSync(this.runFile, { force: true });
    const csv = ['ch,t,value', ...run.samples.map((s) => `${s.ch},${s.t},${String(s.value)}`)];
    const artifact = `${csv.join('\n')}\n`;
    writeFileSync(join(this.o.dir, `${run.runId}.csv`), artifact);
    this.o.client.report({
      type: 'run.finished',
      runId: run.runId,
      instrumentId: this.o.sim.instrument.id,
      finishedAt: Date.now(),
      outcome,
      results: {
        samples: run.samples.length,
        durationSec: Math.round((Date.now() - run.startedAt) / 100) / 10,
        protocol: run.protocol,
      },
      qcMetrics: this.o.sim.qcOf(run.samples),
      artifactHashes: [createHash('sha256').update(artifact).digest('hex')],
    });
    this.sendStatus();
  }

  private async command(
    c: IncomingCommand,
    control: CommandControl,
  ): Promise<Record<string, unknown>> {
    if (c.command === 'run.start') {
      const runId = this.startRun(
        String(c.params.protocol),
        Number(c.params.durationSec ?? 60),
        c.requestedBy,
        c.commandId,
      );
      return { runId };
    }
    if (c.command === 'run.stop') {
      if (!this.run || this.run.runId !== c.params.runId)
        throw new CommandError('NO_SUCH_RUN', `Run ${String(c.params.runId)} is not running`);
      const runId = this.run.runId;
      this.finishRun('aborted');
      return { runId, stopped: true };
    }
    this.commandsActive++;
    this.sendStatus();
    try {
      return await this.o.sim.command(c.command, c.params, control);
    } finally {
      this.commandsActive--;
      this.sendStatus();
    }
  }

  private sendStatus(): void {
    this.o.client.sendStatus(this.o.sim.instrument.id, this.state, this.o.sim.alarms?.() ?? []);
  }

  /** A run that was going when the agent last stopped ends as aborted. */
  private abortLeftoverRun(): void {
    if (!existsSync(this.runFile)) return;
    const left = JSON.parse(readFileSync(this.runFile, 'utf8')) as { runId: string };
    rmSync(this.runFile, { force: true });
    this.o.client.report({
      type: 'run.finished',
      runId: left.runId,
      instrumentId: this.o.sim.instrument.id,
      finishedAt: Date.now(),
      outcome: 'aborted',
      results: { reason: 'The agent stopped during the run' },
      qcMetrics: {},
      artifactHashes: [],
    });
  }
}
