import { join } from 'node:path';
import type { Config } from '../config';
import type { Postgres } from '../postgres/connection';
import { migratePostgres } from '../postgres/migrate';
import { BlobService } from './blobService';
import { openFsBlobStore } from './fs/fsBlobStore';
import { openPgBlobIndex } from './postgres/pgBlobIndex';
import { openPgBlobStore } from './postgres/pgBlobStore';
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
  if (postgres) await migratePostgres(postgres, 'blobs');
  const service = new BlobService(
    postgres ? openPgBlobStore(postgres) : openFsBlobStore(join(dir, 'store')),
    postgres
      ? openPgBlobIndex(postgres)
      : openSqliteBlobIndex(join(dir, 'index.db'), config.durability),
    {
      maxBlobBytes: config.maxAttachmentBytes,
      tenantQuotaBytes: config.attachmentQuotaBytes,
    },
  );
  return Object.assign(service, {
    async close() {
      await service.store.close();
      await service.index.close();
    },
  });
}
