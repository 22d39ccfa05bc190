export * from './tokenize';
export * from './queryParser';
export * from './snippet';
export * from './searchWire';
export * from './queryPlan';
