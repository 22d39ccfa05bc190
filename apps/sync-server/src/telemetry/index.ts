export type * from './telemetryStore';
export {
  openSqliteTelemetryStore,
  type SqliteTelemetryStoreOptions,
} from './sqlite/sqliteTelemetryStore';
export { decimate, BucketAccumulator, type DecimatedSeries } from './decimate';
export { LiveBus, type LiveSamples, type LiveStatus } from './liveBus';
export { startRetention } from './retention';
