import { ERROR_STATUS, FieldbookError, SearchHitSchema, type ErrorCode } from '@fieldbook/shared';
import { z } from 'zod';
import type { Tokens } from './session';

const UserSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });
const TokensReply = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresAt: z.number(),
  user: UserSchema,
});
const WorkspaceReply = z.object({ id: z.string(), name: z.string() });
const ErrorReply = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Tokens and who they belong to, as sign-in, sign-up and refresh answer. */
export type SignedIn = z.infer<typeof TokensReply>;

/** A workspace as the server lists it. */
export type ServerWorkspace = z.infer<typeof WorkspaceReply>;

function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

/** The sync server's base URL without a trailing slash; VALIDATION_ERROR when it is not http(s). */
export function normalizeServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FieldbookError('VALIDATION_ERROR', 'The server address is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FieldbookError(
      'VALIDATION_ERROR',
      'The server address must start with http or https',
    );
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/** The WebSocket base of a server's sync route, e.g. ws://host:4400/sync. */
export function syncSocketBase(serverUrl: string): string {
  return `${serverUrl.replace(/^http/, 'ws')}/sync`;
}

/**
 * The REST calls the app makes (DESIGN.md "Stable surface"). Errors come back
 * as FieldbookError with the server's code, or SERVICE_UNAVAILABLE when the
 * server cannot be reached.
 */
export class ServerApi {
  constructor(
    readonly serverUrl: string,
    private readonly accessToken: () => string | null = () => null,
  ) {}

  /** One call to `/api/v1<path>`, its answer checked against `schema` (also for the team screens). */
  async request<T>(method: string, path: string, schema: z.ZodType<T>, body?: unknown) {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = this.accessToken();
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(`${this.serverUrl}/api/v1${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new FieldbookError('SERVICE_UNAVAILABLE', 'The sync server cannot be reached');
    }
    const json: unknown = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) {
      const parsed = ErrorReply.safeParse(json);
      if (parsed.success && isErrorCode(parsed.data.error.code)) {
        throw new FieldbookError(parsed.data.error.code, parsed.data.error.message);
      }
      throw new FieldbookError(
        res.status === 404 ? 'RESOURCE_NOT_FOUND' : 'SERVICE_UNAVAILABLE',
        `The server answered ${res.status}`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new FieldbookError(
        'SERVICE_UNAVAILABLE',
        'The server sent an answer the app cannot read',
      );
    }
    return parsed.data;
  }

  /** Signs in with email and password. */
  login(input: { email: string; password: string }): Promise<SignedIn> {
    return this.request('POST', '/auth/login', TokensReply, input);
  }

  /** Creates a new tenant with this user as its admin, and signs in. */
  signup(input: { tenant: string; email: string; password: string; name: string }) {
    return this.request('POST', '/auth/signup', TokensReply, input);
  }

  /** Trades the (single-use) refresh token for a new pair. */
  refresh(refreshToken: string): Promise<SignedIn> {
    return this.request('POST', '/auth/refresh', TokensReply, { refreshToken });
  }

  /** The workspaces the user belongs to (every page). */
  async listWorkspaces(): Promise<ServerWorkspace[]> {
    const Page = z.object({ items: z.array(WorkspaceReply), nextCursor: z.string().nullable() });
    const out: ServerWorkspace[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      const page: z.infer<typeof Page> = await this.request('GET', `/workspaces${query}`, Page);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }

  /** Full-text search of a workspace on the server (one page). */
  search(workspaceId: string, params: URLSearchParams) {
    const Page = z.object({
      items: z.array(SearchHitSchema),
      nextCursor: z.string().nullable(),
    });
    return this.request('GET', `/workspaces/${workspaceId}/search?${params.toString()}`, Page);
  }

  /** Creates a workspace on the server; its id is the id of the workspace index document. */
  createWorkspace(name: string): Promise<ServerWorkspace> {
    return this.request('POST', '/workspaces', WorkspaceReply, { name });
  }
}

/** Tokens of a sign-in answer, in the shape the session keeps. */
export function tokensOf(reply: SignedIn): Tokens {
  return {
    accessToken: reply.accessToken,
    refreshToken: reply.refreshToken,
    expiresAt: reply.expiresAt,
  };
}
