import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { telemetryStoreContract } from '../telemetryStore.contract';
import { openSqliteTelemetryStore } from './sqliteTelemetryStore';

telemetryStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldbook-telemetry-'));
  return {
    open: (o) =>
      openSqliteTelemetryStore({ file: join(dir, 'telemetry.db'), chunkMaxAgeMs: 3_600_000, ...o }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
});
