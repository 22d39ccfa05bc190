import { defineProject } from 'vitest/config';

// Desktop tests run in Node (stores, IPC, workspace files); the browser tests
// drive Chromium themselves, so they need a longer timeout than the default,
// and a global setup that finds (or obtains) a Chromium first.
export default defineProject({
  test: {
    name: '@fieldbook/desktop',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Browser tests poll the page; on a busy 2-core machine a second is too short.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
