import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { AUTH_GRANT_CHANGED, type Grant } from '@fieldbook/shared';

/** Top-level message types of the y-websocket protocol. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** A decoded client message. */
export type ClientMessage =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'syncStep2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' };

/** Why a socket that sent content Yjs cannot decode or integrate is closed. */
export const MALFORMED_CONTENT = 'malformed message: content could not be applied';

/** A frame that does not follow the protocol; the socket that sent it is closed with `closeCode`. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    message: string,
    readonly closeCode: number,
  ) {
    super(message);
  }
}

const malformed = (what: string) => new ProtocolError(`malformed message: ${what}`, 1007);

function readUint(decoder: decoding.Decoder, what: string): number {
  try {
    return decoding.readVarUint(decoder);
  } catch {
    throw malformed(what);
  }
}

/** Reads a length-prefixed byte array that must end the message exactly. */
function readFinalBytes(decoder: decoding.Decoder, what: string): Uint8Array {
  const length = readUint(decoder, `${what} length`);
  const start = decoder.pos;
  if (start + length !== decoder.arr.length) throw malformed(`${what} length`);
  decoder.pos += length;
  return decoder.arr.subarray(start, start + length);
}

/**
 * Decodes one client frame, checking every length against the frame (a frame
 * is never read past its end). Content (updates, awareness states) is
 * validated later by applying it.
 */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const type = readUint(decoder, 'message type');
  switch (type) {
    case MESSAGE_SYNC: {
      const step = readUint(decoder, 'sync message type');
      if (step === syncProtocol.messageYjsSyncStep1) {
        return { kind: 'syncStep1', stateVector: readFinalBytes(decoder, 'state vector') };
      }
      if (step === syncProtocol.messageYjsSyncStep2) {
        return { kind: 'syncStep2', update: readFinalBytes(decoder, 'update') };
      }
      if (step === syncProtocol.messageYjsUpdate) {
        return { kind: 'update', update: readFinalBytes(decoder, 'update') };
      }
      throw malformed(`unknown sync message type ${step}`);
    }
    case MESSAGE_AWARENESS:
      return { kind: 'awareness', update: readFinalBytes(decoder, 'awareness update') };
    case MESSAGE_QUERY_AWARENESS:
      if (decoder.pos !== frame.length) throw malformed('query-awareness has trailing bytes');
      return { kind: 'queryAwareness' };
    default:
      throw new ProtocolError(`unsupported message type ${type}`, 1003);
  }
}

/** True for the two-byte update that carries nothing (no structs, no deletions). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

/**
 * True when applying `update` to `doc` would change nothing: every struct is
 * one `doc` has and every deletion one it has made (a replica answering sync
 * step 2 with the server's own deletions, which Yjs always sends whole).
 * Walks the document's structs once, so it is meant for updates about to be
 * refused, not for every write. An update that cannot be read counts as a change.
 */
export function changesNothing(doc: Y.Doc, update: Uint8Array): boolean {
  if (isEmptyUpdate(update)) return true;
  try {
    return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
  } catch {
    return false;
  }
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** Sync step 2: everything in `doc` the holder of `stateVector` lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/** An update message relaying `update` to peers. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** An awareness message carrying the states of `clients` (all known clients by default). */
export function encodeAwareness(
  awareness: awarenessProtocol.Awareness,
  clients: number[] = Array.from(awareness.getStates().keys()),
): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/**
 * The auth message telling a Fieldbook client its grant changed (a role
 * change pushed live); stock clients ignore this sub-type.
 */
export function encodeGrantChanged(grant: Grant): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  encoding.writeVarUint(encoder, AUTH_GRANT_CHANGED);
  encoding.writeVarString(encoder, JSON.stringify(grant));
  return encoding.toUint8Array(encoder);
}

/** The auth message y-websocket clients understand: permission denied, with a reason. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}
