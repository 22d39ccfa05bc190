import type { Run } from '@fieldbook/shared';
import { ArrowLeft } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ShellActions } from '../actions';
import type { AppState } from '../appState';
import { useAccess } from '../shell/access';
import { Button, Tabs, TabsContent, TabsList, TabsTrigger } from '../ui';
import { CommandForm } from './CommandForm';
import { CommandHistory } from './CommandHistory';
import type { Instrument } from './instrumentApi';
import type { BoardState, InstrumentBoard } from './instrumentBoard';
import { ago } from './instrumentText';
import { RunDetail } from './RunDetail';
import { RunList } from './RunList';
import { AlarmList, StatusLight, useNow } from './StatusLight';

/** Which part of an instrument the route shows: its commands, its runs, or one run. */
export type InstrumentView = { tab: 'commands' } | { tab: 'runs'; runId: string | null };

function useRun(board: InstrumentBoard, known: readonly Run[] | undefined, runId: string | null) {
  const listed = runId ? known?.find((r) => r.id === runId) : undefined;
  const [fetched, setFetched] = useState<Run | null>(null);
  useEffect(() => {
    setFetched(null);
    if (!runId || listed) return;
    board.api.run(runId).then(setFetched, () => {});
  }, [board, runId, listed !== undefined]);
  return listed ?? fetched;
}

/**
 * One instrument: its status, alarms and last contact; a command form and
 * command history (Commands tab); its runs and one run's detail (Runs tab).
 */
export function InstrumentDetail(props: {
  instrument: Instrument;
  board: InstrumentBoard;
  boardState: BoardState;
  view: InstrumentView;
  state: AppState;
  actions: ShellActions;
  onView(view: InstrumentView | null): void;
}) {
  const { instrument, board, boardState, view } = props;
  const access = useAccess();
  const now = useNow();
  useEffect(() => {
    void board.open(instrument.id);
  }, [board, instrument.id]);
  const runs = boardState.runs[instrument.id];
  const run = useRun(board, runs, view.tab === 'runs' ? view.runId : null);
  const mayCommand = access.may('instrument.command');
  return (
    <div className="instrument">
      <Button
        variant="ghost"
        size="sm"
        icon={<ArrowLeft size={14} />}
        onClick={() => props.onView(null)}
      >
        All instruments
      </Button>
      <header className="instrument__head">
        <div>
          <h2 className="instrument__name">{instrument.name}</h2>
          <p className="muted">
            {instrument.model ?? instrument.key} · agent {instrument.agentId} · last seen{' '}
            {instrument.connection === 'ONLINE' ? 'now' : ago(instrument.lastSeenAt, now)}
          </p>
        </div>
        <div className="instrument__status">
          <StatusLight connection={instrument.connection} />
          <span className="muted">state: {instrument.state ?? 'unknown'}</span>
        </div>
      </header>
      {instrument.alarms.length > 0 && (
        <div className="instrument__alarms" role="status">
          <AlarmList instrument={instrument} />
        </div>
      )}
      <Tabs
        value={view.tab}
        onValueChange={(tab) =>
          props.onView(tab === 'runs' ? { tab, runId: null } : { tab: 'commands' })
        }
      >
        <TabsList aria-label={`${instrument.name} sections`}>
          <TabsTrigger value="commands">Commands</TabsTrigger>
          <TabsTrigger value="runs">Runs</TabsTrigger>
        </TabsList>
        <TabsContent value="commands" className="instrument__tab">
          {mayCommand ? (
            <CommandForm key={instrument.id} instrument={instrument} board={board} />
          ) : (
            <p className="muted">
              Sending commands needs the operator capability; a workspace administrator grants it
              under Members.
            </p>
          )}
          <h3 className="instrument__section">History</h3>
          <CommandHistory commands={boardState.commands[instrument.id]} board={board} />
        </TabsContent>
        <TabsContent value="runs" className="instrument__tab">
          {view.tab === 'runs' && view.runId ? (
            run ? (
              <RunDetail
                run={run}
                instrument={instrument}
                board={board}
                state={props.state}
                actions={props.actions}
                onBack={() => props.onView({ tab: 'runs', runId: null })}
              />
            ) : (
              <p className="muted">Loading the run…</p>
            )
          ) : (
            <RunList runs={runs} onOpen={(r) => props.onView({ tab: 'runs', runId: r.id })} />
          )}
        </TabsContent>
      </Tabs>
    </div>
  );
}
