import { join } from 'node:path';
import type { Config } from '../config';
import type { Postgres } from '../postgres/connection';
import { BlobService, type BlobLimits } from './blobService';
import { openFsBlobStore } from './fs/fsBlobStore';
import { openSqliteBlobIndex } from './sqlite/sqliteBlobIndex';

/**
 * Attachments as the server runs them: files under DATA_DIR/blobs, their
 * index in DATA_DIR/blobs/index.db; or, given `postgres` (shared mode, nodes
 * without a shared disk), bytes and index both in PostgreSQL.
 */
export async function openBlobs(
  config: Pick<Config, 'dataDir' | 'durability' | 'maxAttachmentBytes' | 'attachmentQuotaBytes'>,
  options: { postgres?: Postgres } = {},
) {
  const dir = join(config.dataDir, 'blobs');
  const { postgres } = options;
  const limits: BlobLimits = {
    maxBlobBytes: config.maxAttachmentBytes,
    tenantQuotaBytes: config.attachmentQuotaBytes,
  };
  const service = postgres
    ? await openPgBlobService(postgres, limits)
    : new BlobService(
        openFsBlobStore(join(dir, 'store')),
        openSqliteBlobIndex(join(dir, 'index.db'), config.durability),
        limits,
      );
  return Object.assign(service, {
    async close() {
      await service.store.close();
      await service.index.close();
    },
  });
}

/** Bytes and index in PostgreSQL; pg and drizzle's pg-core load only in this shared mode. */
async function openPgBlobService(postgres: Postgres, limits: BlobLimits): Promise<BlobService> {
  const [{ migratePostgres }, { openPgBlobIndex }, { openPgBlobStore }] = await Promise.all([
    import('../postgres/migrate'),
    import('./postgres/pgBlobIndex'),
    import('./postgres/pgBlobStore'),
  ]);
  await migratePostgres(postgres, 'blobs');
  return new BlobService(openPgBlobStore(postgres), openPgBlobIndex(postgres), limits);
}
