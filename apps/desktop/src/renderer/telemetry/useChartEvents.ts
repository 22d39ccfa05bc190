import { useEffect, useState } from 'react';
import type { Command, Run } from '@fieldbook/shared';
import { InstrumentApi } from '../instruments/instrumentApi';
import { chartEvents, type ChartEvent } from './chartEvents';
import { listenToInstruments } from './sharedInstrumentFeed';
import type { TelemetrySource } from './telemetryClient';

/** An instrument named by its agent and its key in the agent's manifest. */
export interface InstrumentRef {
  agentId: string;
  instrumentKey: string;
}

/** How many of an instrument's newest commands and runs a chart shows. */
const NEWEST = 200;

/**
 * The commands and runs of the instruments `refs` (those whose channels a
 * chart shows): loaded over REST on every (re)connection of the live feed,
 * then kept current by its command and run messages (one socket for all
 * charts). A chart without them still works, so a failed load leaves the
 * events as they were.
 */
export function useChartEvents(source: TelemetrySource, refs: InstrumentRef[]): ChartEvent[] {
  const [events, setEvents] = useState<ChartEvent[]>([]);
  const key = [...new Set(refs.map((r) => `${r.agentId}\u0000${r.instrumentKey}`))]
    .sort()
    .join('\u0001');
  useEffect(() => {
    if (key === '') {
      setEvents([]);
      return;
    }
    const wanted = new Set(key.split('\u0001'));
    const api = new InstrumentApi(source);
    const ids = new Set<string>();
    const commands = new Map<string, Command>();
    const runs = new Map<string, Run>();
    let closed = false;
    const publish = () => {
      if (!closed) setEvents(chartEvents(commands.values(), runs.values()));
    };
    const reload = async () => {
      try {
        const mine = (await api.instruments()).filter((i) =>
          wanted.has(`${i.agentId}\u0000${i.key}`),
        );
        const lists = await Promise.all(
          mine.map((i) => Promise.all([api.commands(i.id, NEWEST), api.runs(i.id, NEWEST)])),
        );
        ids.clear();
        commands.clear();
        runs.clear();
        mine.forEach((i) => ids.add(i.id));
        for (const [cs, rs] of lists) {
          cs.forEach((c) => commands.set(c.id, c));
          rs.forEach((r) => runs.set(r.id, r));
        }
        publish();
      } catch {
        // Offline or refused: the chart keeps the events it has.
      }
    };
    const stop = listenToInstruments(source, {
      onReady: () => void reload(),
      onEvent: (e) => {
        if (e.type === 'command' && ids.has(e.command.instrumentId))
          commands.set(e.command.id, e.command);
        else if (e.type === 'run' && ids.has(e.run.instrumentId)) runs.set(e.run.id, e.run);
        else return;
        publish();
      },
    });
    return () => {
      closed = true;
      stop();
    };
  }, [key, source]);
  return events;
}
