import * as encoding from 'lib0/encoding';

/**
 * A decodable update whose integration throws inside Yjs: a map entry with
 * zero-length content followed by an item that names it as its origin. Yjs
 * decodes it, then fails to integrate it part-way. Tests send it to check that
 * such an update hurts nobody but its sender.
 */
export function malformedButDecodableUpdate(client = 7, root = 'meta'): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 2); // two structs
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0); // first clock
  encoding.writeUint8(e, 8 | 32); // ContentAny, with a parent key
  encoding.writeVarUint(e, 1);
  encoding.writeVarString(e, root);
  encoding.writeVarString(e, 'x');
  encoding.writeVarUint(e, 0); // no values: length 0
  encoding.writeUint8(e, 8 | 128); // ContentAny with an origin
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 1);
  encoding.writeAny(e, 'x');
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}
