import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isFieldbookError } from '@fieldbook/shared';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signPayload,
} from './signature';
import { checkTargetUrl, guardedLookup, type AllowList } from './ssrfGuard';

/** The part of a response the delivery log keeps. */
export const RESPONSE_CAP_BYTES = 4096;

/** Limits of one send. */
export interface SendLimits {
  /** Until the connection is made (DNS and TCP/TLS). */
  connectTimeoutMs: number;
  /** Until the whole response (status and capped body) is in. */
  responseTimeoutMs: number;
  allow: AllowList;
}

/** What one POST to a webhook came to. */
export interface SendResult {
  /** HTTP status, or null when no response came. */
  status: number | null;
  /** The response's first 4 KB, or why there was none. */
  response: string;
  latencyMs: number;
}

/** One delivery to send: where, what, with which secret. */
export interface Outgoing {
  url: string;
  secret: string;
  deliveryId: string;
  event: string;
  body: string;
}

/**
 * POSTs a signed delivery. The target is checked before (http(s), not a
 * blocked IP literal) and while connecting (every resolved address, see
 * guardedLookup); redirects are never followed — a 3xx is a failed attempt.
 * Connect and response timeouts apply; the response body is read up to 4 KB
 * and the rest dropped. Never throws: a refusal is a result with no status.
 */
export function sendDelivery(
  out: Outgoing,
  limits: SendLimits,
  now = Date.now,
): Promise<SendResult> {
  const started = now();
  const done = (status: number | null, response: string): SendResult => ({
    status,
    response,
    latencyMs: Math.max(0, Math.round(now() - started)),
  });
  let url: URL;
  try {
    url = checkTargetUrl(out.url, limits.allow);
  } catch (err) {
    return Promise.resolve(done(null, isFieldbookError(err) ? err.message : 'invalid target'));
  }
  const timestamp = Math.floor(started / 1000);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number | null, response: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(overall);
      resolve(done(status, response));
    };
    const req = request(url, {
      method: 'POST',
      lookup: guardedLookup(limits.allow),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Fieldbook-Webhooks/1',
        [EVENT_HEADER]: out.event,
        [DELIVERY_HEADER]: out.deliveryId,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signPayload(out.secret, timestamp, out.body),
      },
    });
    const overall = setTimeout(() => {
      req.destroy();
      finish(null, `no response within ${limits.responseTimeoutMs} ms`);
    }, limits.responseTimeoutMs);
    req.setTimeout(limits.connectTimeoutMs);
    req.on('socket', (socket) => {
      // A kept-alive socket is connected already; a new one clears the connect timeout once up.
      if (!socket.connecting) return void req.setTimeout(0);
      socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => req.setTimeout(0));
    });
    req.on('timeout', () => {
      req.destroy();
      finish(null, `could not connect within ${limits.connectTimeoutMs} ms`);
    });
    req.on('error', (err) => {
      finish(null, isFieldbookError(err) ? err.message : `request failed: ${err.message}`);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const cut = () => {
        const text = Buffer.concat(chunks).subarray(0, RESPONSE_CAP_BYTES).toString('utf8');
        finish(res.statusCode ?? null, text);
      };
      res.on('data', (chunk: Buffer) => {
        if (size >= RESPONSE_CAP_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= RESPONSE_CAP_BYTES) {
          cut();
          res.destroy();
        }
      });
      res.on('end', cut);
      res.on('error', cut);
    });
    req.end(out.body);
  });
}
