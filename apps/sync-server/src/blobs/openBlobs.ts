import { join } from 'node:path';
import type { Config } from '../config';
import { BlobService } from './blobService';
import { openFsBlobStore } from './fs/fsBlobStore';
import { openSqliteBlobIndex } from './sqlite/sqliteBlobIndex';

/** Attachments as the server runs them: files under DATA_DIR/blobs, their index in DATA_DIR/blobs/index.db. */
export function openBlobs(
  config: Pick<Config, 'dataDir' | 'durability' | 'maxAttachmentBytes' | 'attachmentQuotaBytes'>,
) {
  const dir = join(config.dataDir, 'blobs');
  const service = new BlobService(
    openFsBlobStore(join(dir, 'store')),
    openSqliteBlobIndex(join(dir, 'index.db'), config.durability),
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
