import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@fieldbook/sync-server',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
