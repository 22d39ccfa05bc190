import type { Duplex } from 'node:stream';
import { newId } from '@fieldbook/shared';
import type { WebSocket } from 'ws';
import type { Traffic } from '../metrics';
import type { Principal, SyncTarget } from './auth';

/** The close code of a socket that held more unsent bytes than its cap (it does not read). */
export const SEND_CAP_CLOSE_CODE = 4413;

/** How many unsent bytes a socket may hold, and who hears of a socket closed for it. */
export interface SendCap {
  capBytes: number;
  onOverflow(): void;
}

/**
 * One client socket bound to one document. Unsent bytes (queued in `ws` and
 * the TCP socket) are capped: a socket already holding more than the cap when
 * something else is to be sent is closed with 4413 and dropped soon after,
 * so a client that never reads costs at most the cap plus one message.
 */
export class SyncConnection {
  readonly id = newId();
  /** Awareness client ids this socket announced; removed when it drops. */
  readonly awarenessClients = new Set<number>();
  /** Cleared by each keep-alive round; set by a pong or any message. */
  alive = true;
  closed = false;
  /** Frames and bytes waiting while the document loads. */
  queuedFrames = 0;
  queuedBytes = 0;

  constructor(
    readonly ws: WebSocket,
    /** The upgraded TCP socket under `ws`, for writing frames framed once for many peers. */
    private readonly socket: Duplex,
    readonly principal: Principal,
    readonly target: SyncTarget,
    private readonly traffic: Traffic,
    private readonly sendCap: SendCap = { capBytes: Infinity, onOverflow: () => {} },
  ) {}

  /** False (and the socket closing) when it already holds more unsent bytes than its cap. */
  private underCap(): boolean {
    if (this.ws.bufferedAmount <= this.sendCap.capBytes) return true;
    this.close(SEND_CAP_CLOSE_CODE, 'too many unsent bytes: the client is not reading');
    // A client that does not read never receives the close frame either.
    setTimeout(() => this.ws.terminate(), 1000).unref();
    this.sendCap.onOverflow();
    return false;
  }

  /** Sends one binary frame unless the socket is closing; returns whether it was sent. */
  send(message: Uint8Array): boolean {
    if (this.closed || this.ws.readyState !== 1 || !this.underCap()) return false;
    this.ws.send(message, { binary: true });
    this.traffic.bytesOut += message.length;
    return true;
  }

  /**
   * Writes a frame made by `frameBinary` straight to the socket: one framing
   * and one buffer shared by every peer of a broadcast.
   */
  sendFrame(frame: Buffer): boolean {
    if (this.closed || this.ws.readyState !== 1 || !this.underCap()) return false;
    this.socket.write(frame);
    this.traffic.bytesOut += frame.length;
    return true;
  }

  /** Closes the socket with `code` and a reason (cut to the 123 bytes a close frame allows). */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, Buffer.from(reason).subarray(0, 123).toString());
  }
}

/** Frames `message` once as an unmasked, final, binary WebSocket frame (RFC 6455 §5.2), for `sendFrame`. */
export function frameBinary(message: Uint8Array): Buffer {
  const length = message.byteLength;
  const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x82;
  if (header === 2) {
    frame[1] = length;
  } else if (header === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.set(message, header);
  return frame;
}
