import { isFieldbookError, type Command, type Run } from '@fieldbook/shared';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Session } from '../session/session';
import { InstrumentApi, type Instrument } from './instrumentApi';
import { InstrumentFeed, type InstrumentFeedEvent } from './instrumentFeed';
import { fresherStatus } from './fresherStatus';

/** What the instruments screen shows, kept current by the live feed. */
export interface BoardState {
  /** Null while the first list is loading. */
  readonly instruments: readonly Instrument[] | null;
  /** Why the list could not be loaded, in words. */
  readonly error: string | null;
  /** Whether the live feed is connected (otherwise statuses may be old). */
  readonly live: boolean;
  /** Hazardous commands waiting for a second operator, newest first. */
  readonly approvals: readonly Command[];
  /** Commands of the instruments opened so far, newest first. */
  readonly commands: Readonly<Record<string, readonly Command[]>>;
  /** Runs of the instruments opened so far, newest first. */
  readonly runs: Readonly<Record<string, readonly Run[]>>;
}

const EMPTY: BoardState = {
  instruments: null,
  error: null,
  live: false,
  approvals: [],
  commands: {},
  runs: {},
};

/** Puts `item` first, replacing the stored one with its id (lists are newest first). */
function upsert<T extends { id: string }>(list: readonly T[], item: T): T[] {
  const at = list.findIndex((x) => x.id === item.id);
  if (at === -1) return [item, ...list];
  return list.map((x, i) => (i === at ? item : x));
}

const sentence = (err: unknown) =>
  isFieldbookError(err) ? err.message : 'The instruments could not be loaded.';

/**
 * The workspace's instruments, approvals queue, and the commands and runs of
 * the instruments looked at: loaded over REST, then changed by the live feed
 * (reloaded after every reconnection, so nothing missed stays missing).
 */
export class InstrumentBoard {
  private state: BoardState = EMPTY;
  private readonly listeners = new Set<() => void>();
  private readonly feed: InstrumentFeed;

  constructor(
    readonly api: InstrumentApi,
    source: ConstructorParameters<typeof InstrumentFeed>[0],
  ) {
    this.feed = new InstrumentFeed(source, {
      onEvent: (e) => this.apply(e),
      onReady: () => {
        this.set({ live: true });
        void this.reload();
      },
      onDown: () => this.set({ live: false }),
    });
    void this.reload();
  }

  get = (): BoardState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(patch: Partial<BoardState> | ((s: BoardState) => Partial<BoardState>)): void {
    this.state = { ...this.state, ...(typeof patch === 'function' ? patch(this.state) : patch) };
    for (const l of this.listeners) l();
  }

  /** Loads the list, the approvals and every opened instrument's commands and runs again. */
  async reload(): Promise<void> {
    try {
      const [instruments, approvals] = await Promise.all([
        this.api.instruments(),
        this.api.workspaceCommands(['awaiting_approval']),
      ]);
      this.set((s) => ({
        instruments: instruments.map((i) => fresherStatus(s.instruments, i)),
        approvals,
        error: null,
      }));
    } catch (err) {
      this.set((s) => ({ error: sentence(err), instruments: s.instruments ?? [] }));
    }
    const opened = new Set([...Object.keys(this.state.commands), ...Object.keys(this.state.runs)]);
    await Promise.all([...opened].map((id) => this.open(id)));
  }

  /** Loads one instrument's commands and runs (and keeps them current from then on). */
  async open(instrumentId: string): Promise<void> {
    const [commands, runs] = await Promise.all([
      this.api.commands(instrumentId),
      this.api.runs(instrumentId),
    ]).catch(() => [null, null] as const);
    if (!commands || !runs) return;
    this.set((s) => ({
      commands: { ...s.commands, [instrumentId]: commands },
      runs: { ...s.runs, [instrumentId]: runs },
    }));
  }

  /** Records a command the server just answered with (before its live event arrives). */
  noteCommand(command: Command): void {
    this.apply({ type: 'command', command });
  }

  private apply(e: InstrumentFeedEvent): void {
    if (e.type === 'instrument') {
      const status = e.instrument;
      this.set((s) => ({
        instruments:
          s.instruments?.map((i) => (i.id === status.id ? { ...i, ...status } : i)) ?? null,
      }));
    } else if (e.type === 'command') {
      const c = e.command;
      this.set((s) => {
        const known = s.commands[c.instrumentId];
        const stale = known?.find((x) => x.id === c.id && x.updatedAt > c.updatedAt);
        if (stale) return {};
        return {
          commands: known ? { ...s.commands, [c.instrumentId]: upsert(known, c) } : s.commands,
          approvals:
            c.state === 'awaiting_approval'
              ? upsert(s.approvals, c)
              : s.approvals.filter((x) => x.id !== c.id),
        };
      });
    } else {
      const r = e.run;
      this.set((s) => {
        const known = s.runs[r.instrumentId];
        return known ? { runs: { ...s.runs, [r.instrumentId]: upsert(known, r) } } : {};
      });
    }
  }

  /** Stops the live feed. */
  close(): void {
    this.feed.close();
  }
}

/** The board of the open workspace for a signed-in session (null for a local profile). */
export function useInstrumentBoard(session: Session | null, workspaceId: string) {
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const serverUrl = session?.kind === 'server' ? session.serverUrl : null;
  const [board, setBoard] = useState<InstrumentBoard | null>(null);
  useEffect(() => {
    if (!serverUrl) return;
    const source = {
      serverUrl,
      workspaceId,
      accessToken: () => {
        const s = sessionRef.current;
        return s?.kind === 'server' ? s.tokens.accessToken : '';
      },
    };
    const made = new InstrumentBoard(new InstrumentApi(source), source);
    setBoard(made);
    return () => made.close();
  }, [serverUrl, workspaceId]);
  return board;
}

/** The board's state, re-rendering on change. */
export function useBoardState(board: InstrumentBoard): BoardState {
  return useSyncExternalStore(board.subscribe, board.get);
}
