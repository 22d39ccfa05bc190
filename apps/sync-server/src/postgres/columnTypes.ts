/**
 * Column types drizzle's pg-core lacks, shared by the PostgreSQL store
 * schemas: binary content (bytea) and full-text vectors (tsvector).
 */
import { customType } from 'drizzle-orm/pg-core';

/** A bytea column read and written as a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** A tsvector column (written with to_tsvector(...) in SQL, never read back as data). */
export const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});
