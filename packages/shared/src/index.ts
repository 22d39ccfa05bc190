export * from './ids';
export * from './permissions';
export * from './errors';
export * from './text';
export * from './documents';
export * from './agentProtocol';
export * from './telemetryWire';
