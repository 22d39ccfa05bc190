import { PlugZap } from 'lucide-react';
import type { ScreenProps } from '../shell/registry';
import { Badge, EmptyState, Spinner } from '../ui';
import { ApprovalsQueue } from './ApprovalsQueue';
import { InstrumentDetail, type InstrumentView } from './InstrumentDetail';
import { useBoardState, useInstrumentBoard, type InstrumentBoard } from './instrumentBoard';
import { InstrumentList } from './InstrumentList';
import './instruments.css';

/** Reads the route's item: "<instrument>", "<instrument>/runs", "<instrument>/runs/<run>". */
function parseItem(
  item: string | undefined,
): { instrumentId: string; view: InstrumentView } | null {
  if (!item) return null;
  const [instrumentId, section, runId] = item.split('/');
  if (!instrumentId) return null;
  if (section === 'runs') return { instrumentId, view: { tab: 'runs', runId: runId ?? null } };
  return { instrumentId, view: { tab: 'commands' } };
}

function itemOf(instrumentId: string, view: InstrumentView): string {
  if (view.tab === 'commands') return instrumentId;
  return view.runId ? `${instrumentId}/runs/${view.runId}` : `${instrumentId}/runs`;
}

function Board({ board, state, actions }: ScreenProps & { board: InstrumentBoard }) {
  const s = useBoardState(board);
  const route = state.route.kind === 'screen' ? state.route : null;
  const selected = parseItem(route?.item);
  const go = (item?: string) => actions.navigate({ kind: 'screen', screen: 'instruments', item });
  const instrument = selected && s.instruments?.find((i) => i.id === selected.instrumentId);
  return (
    <div className="screen instruments-screen">
      <header className="screen__header">
        <div>
          <h1 className="screen__title">Instruments</h1>
          <p className="muted">Live status, commands and runs of this workspace's instruments.</p>
        </div>
        {s.live ? <Badge tone="success">Live</Badge> : <Badge tone="warning">Reconnecting…</Badge>}
      </header>
      {s.error && (
        <p className="ui-field__error" role="alert">
          {s.error}
        </p>
      )}
      <ApprovalsQueue approvals={s.approvals} instruments={s.instruments ?? []} board={board} />
      {s.instruments === null ? (
        <p className="main-loading" role="status">
          <Spinner size={14} /> Loading instruments…
        </p>
      ) : instrument ? (
        <InstrumentDetail
          key={instrument.id}
          instrument={instrument}
          board={board}
          boardState={s}
          view={selected.view}
          state={state}
          actions={actions}
          onView={(view) => go(view ? itemOf(instrument.id, view) : undefined)}
        />
      ) : (
        <InstrumentList instruments={s.instruments} onOpen={(i) => go(i.id)} />
      )}
    </div>
  );
}

/** The Instruments screen (#/<workspace>/instruments[/…]): needs a sync server. */
export default function InstrumentsScreen({ state, actions }: ScreenProps) {
  const board = useInstrumentBoard(state.session, state.workspace!.id);
  if (state.session?.kind !== 'server')
    return (
      <div className="screen">
        <EmptyState
          headingLevel={1}
          icon={<PlugZap size={28} />}
          title="Instruments need a sync server"
        >
          <p>Sign in to a sync server to see its instruments, send commands and review runs.</p>
        </EmptyState>
      </div>
    );
  if (!board) return null;
  return <Board board={board} state={state} actions={actions} />;
}
