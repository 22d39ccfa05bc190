import { isFieldbookError } from '@fieldbook/shared';
import { loadConfig, type Config } from './config';
import { createLogger } from './log';
import { PostgresUnavailableError } from './postgres/unavailable';
import { startServer, type RunningServer } from './server';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  console.error(isFieldbookError(error) ? error.message : error);
  process.exit(2);
}

const log = createLogger(config.logLevel);
let server: RunningServer;
try {
  server = await startServer({ config, logger: log });
} catch (error) {
  // An unreachable DATABASE_URL is a setting to fix, not a crash: say so plainly.
  if (error instanceof PostgresUnavailableError) {
    console.error(`fieldbook: ${error.message}; check DATABASE_URL`);
    process.exit(3);
  }
  throw error;
}
log.info(
  {
    port: server.port,
    host: config.host,
    dataDir: config.dataDir,
    durability: config.durability,
    authMode: config.authMode,
  },
  'listening',
);
if (config.authMode === 'dev') {
  log.warn(
    'development auth mode: sync sockets are not authenticated; set FIELDBOOK_SECRET for sign-in',
  );
}

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    log.error('shutdown timed out');
    process.exit(1);
  }, config.shutdownTimeoutMs);
  force.unref();
  server.close().then(
    () => {
      log.info('stopped');
      process.exit(0);
    },
    (error: unknown) => {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
