#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, as every package here is consumed from source.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
