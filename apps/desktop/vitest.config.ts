import { defineProject } from 'vitest/config';

// Desktop tests run in Node (stores, IPC, workspace files); the browser smoke
// test drives Chromium itself, so it needs a longer timeout than the default.
export default defineProject({
  test: {
    name: '@fieldbook/desktop',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
