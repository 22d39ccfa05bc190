export * from './ids';
export * from './permissions';
export * from './errors';
export * from './documents';
export * from './agentProtocol';
export * from './telemetryWire';
export * from './history';
