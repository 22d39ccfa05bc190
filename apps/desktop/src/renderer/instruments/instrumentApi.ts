import {
  CommandSchema,
  CommandTransitionSchema,
  ERROR_STATUS,
  FieldbookError,
  InstrumentSpecSchema,
  RunSchema,
  type Command,
  type CommandState,
  type ErrorCode,
  type Run,
} from '@fieldbook/shared';
import { z } from 'zod';

/** An instrument as `GET /workspaces/:ws/instruments` lists it, with its manifest entry. */
export const InstrumentSchema = z.object({
  id: z.string(),
  workspaceId: z.string().nullable(),
  agentId: z.string(),
  key: z.string(),
  name: z.string(),
  model: z.string().nullable(),
  connection: z.enum(['ONLINE', 'STALE', 'OFFLINE']),
  state: z.string().nullable(),
  alarms: z.array(z.unknown()),
  lastSeenAt: z.number().nullable(),
  spec: InstrumentSpecSchema,
});
export type Instrument = z.infer<typeof InstrumentSchema>;

/** A command with every stored transition (`GET /commands/:id`). */
export const CommandWithTransitionsSchema = CommandSchema.extend({
  transitions: z.array(CommandTransitionSchema),
});
export type CommandWithTransitions = z.infer<typeof CommandWithTransitionsSchema>;

const ChannelSchema = z.object({
  id: z.string(),
  key: z.string(),
  agentId: z.string(),
  instrumentKey: z.string(),
  unit: z.string(),
});
/** A telemetry channel, enough to put it on a chart. */
export type InstrumentChannel = z.infer<typeof ChannelSchema>;

const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const ErrorReply = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Where the instrument calls go: a server and the current access token. */
export interface InstrumentSource {
  readonly serverUrl: string;
  readonly workspaceId: string;
  readonly accessToken: () => string;
}

/**
 * The instrument, command and run routes of the REST API (DESIGN.md, stable
 * surface) as the app calls them. Failures are FieldbookErrors with the
 * server's code and sentence, or SERVICE_UNAVAILABLE when it cannot be reached.
 */
export class InstrumentApi {
  constructor(private readonly source: InstrumentSource) {}

  private async call<T>(
    method: string,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.source.serverUrl}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.source.accessToken()}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new FieldbookError('SERVICE_UNAVAILABLE', 'The sync server cannot be reached');
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const error = ErrorReply.safeParse(json);
      const code = error.success ? error.data.error.code : '';
      throw new FieldbookError(
        Object.hasOwn(ERROR_STATUS, code) ? (code as ErrorCode) : 'SERVICE_UNAVAILABLE',
        error.success ? error.data.error.message : `The server answered ${res.status}`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new FieldbookError(
        'SERVICE_UNAVAILABLE',
        'The server sent an answer the app cannot read',
      );
    return parsed.data;
  }

  /** The workspace's instruments (and tenant-wide ones), every page. */
  async instruments(): Promise<Instrument[]> {
    const out: Instrument[] = [];
    let cursor: string | null = null;
    do {
      const query = `?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: { items: Instrument[]; nextCursor: string | null } = await this.call(
        'GET',
        `/workspaces/${this.source.workspaceId}/instruments${query}`,
        pageOf(InstrumentSchema),
      );
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  /** Newest commands of one instrument (its queue and history). */
  async commands(instrumentId: string, limit = 50): Promise<Command[]> {
    const page = await this.call(
      'GET',
      `/instruments/${instrumentId}/commands?limit=${limit}`,
      pageOf(CommandSchema),
    );
    return page.items;
  }

  /** Commands of the workspace's instruments in `states` (e.g. awaiting_approval). */
  async workspaceCommands(states: CommandState[], limit = 100): Promise<Command[]> {
    const page = await this.call(
      'GET',
      `/workspaces/${this.source.workspaceId}/commands?limit=${limit}&state=${states.join(',')}`,
      pageOf(CommandSchema),
    );
    return page.items;
  }

  /** One command with its transitions. */
  command(id: string): Promise<CommandWithTransitions> {
    return this.call('GET', `/commands/${id}`, CommandWithTransitionsSchema);
  }

  /** Sends a command; `commandId` makes a retry safe (the server answers the same command). */
  send(
    instrumentId: string,
    body: { command: string; params: Record<string, unknown>; note?: string; commandId: string },
  ): Promise<Command> {
    return this.call('POST', `/instruments/${instrumentId}/commands`, CommandSchema, body);
  }

  /** Approves, rejects or cancels a command. */
  decide(id: string, action: 'approve' | 'reject' | 'cancel', reason?: string): Promise<Command> {
    return this.call('POST', `/commands/${id}/${action}`, CommandSchema, reason ? { reason } : {});
  }

  /** Newest runs of one instrument. */
  async runs(instrumentId: string, limit = 50): Promise<Run[]> {
    const page = await this.call(
      'GET',
      `/instruments/${instrumentId}/runs?limit=${limit}`,
      pageOf(RunSchema),
    );
    return page.items;
  }

  /** One run. */
  run(id: string): Promise<Run> {
    return this.call('GET', `/runs/${id}`, RunSchema);
  }

  /** The channels of one instrument, in manifest order. */
  async channelsOf(instrument: Instrument): Promise<InstrumentChannel[]> {
    const { items } = await this.call(
      'GET',
      `/workspaces/${this.source.workspaceId}/channels`,
      z.object({ items: z.array(ChannelSchema) }),
    );
    const order = instrument.spec.channels.map((c) => c.id);
    return items
      .filter((c) => c.agentId === instrument.agentId && c.instrumentKey === instrument.key)
      .sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
  }
}
