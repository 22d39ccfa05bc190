import { customType } from 'drizzle-orm/pg-core';

/**
 * A PostgreSQL `bytea` column read as Uint8Array (node-postgres hands out a
 * Buffer, which is one) and written from any Uint8Array without copying.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => 'bytea',
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});
