// Test support for export tests in this package and beside it (the sync server's route tests).
export { collect } from './collect';
export { roCrateProblems } from './roCrateRules';
export {
  PEOPLE,
  T0,
  buildSampleWorkspace,
  sampleSource,
  syntheticSeries,
  type SampleWorkspace,
} from './sampleWorkspace';
export { unzip } from './unzip';
