import { defineProject } from 'vitest/config';

// The property tests run hundreds of generated cases; give them room on a busy machine.
export default defineProject({
  test: { name: '@fieldbook/crdt-model', testTimeout: 60_000 },
});
