import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { JsonLines } from './jsonLines';

/** What an agent did with a commandId: it runs each at most once. */
export type JournalState = 'running' | 'done' | 'refused' | 'cancelled';

type Line = { id: string; state: JournalState };

/** Most commandIds remembered (oldest forgotten first). */
const KEEP = 10_000;

/**
 * The commandIds this agent has seen and what became of them, on disk, so a
 * command resent after a reconnect — or after the agent restarted — is never
 * run twice. Commands that were running when the process died are reported
 * by `interrupted()` after a restart.
 */
export class CommandJournal {
  private readonly log: JsonLines<Line>;
  private readonly states = new Map<string, JournalState>();
  private readonly wasRunning: string[] = [];

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.log = new JsonLines(join(dir, 'commands.jsonl'));
    for (const { id, state } of this.log.read()) {
      this.states.delete(id);
      this.states.set(id, state);
    }
    for (const [id, state] of this.states) if (state === 'running') this.wasRunning.push(id);
  }

  get(commandId: string): JournalState | undefined {
    return this.states.get(commandId);
  }

  set(commandId: string, state: JournalState): void {
    this.states.delete(commandId);
    this.states.set(commandId, state);
    if (this.states.size > KEEP) this.states.delete(this.states.keys().next().value!);
    if (this.log.lines > 2 * KEEP)
      this.log.rewrite([...this.states].map(([id, s]) => ({ id, state: s })));
    else this.log.append({ id: commandId, state });
  }

  /** Commands that were running when the previous process stopped (read once, at start). */
  interrupted(): string[] {
    return this.wasRunning.splice(0);
  }
}
