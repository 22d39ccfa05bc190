import { defineProject } from 'vitest/config';

// Desktop tests run in Node (stores, IPC, workspace files); the browser smoke
// test drives Chromium itself, so it needs a longer timeout than the default.
export default defineProject({
  test: {
    name: '@fieldbook/desktop',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser tests poll the page; on a busy 2-core machine a second is too short.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
