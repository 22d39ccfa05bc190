import { describe, expect, it } from 'vitest';
import { duplicateMarker } from './listContinuation';

describe('list markers typed after Enter continued the list', () => {
  it('takes a typed marker of the same kind as the one already there', () => {
    expect(duplicateMarker('- - ')).toBe('- ');
    expect(duplicateMarker('  * - ')).toBe('  * ');
    expect(duplicateMarker('2. 2. ')).toBe('2. ');
    expect(duplicateMarker('2. 1. ')).toBe('2. ');
    expect(duplicateMarker('- [ ] - ')).toBe('- [ ] ');
    expect(duplicateMarker('- [ ] [ ] ')).toBe('- [ ] ');
    expect(duplicateMarker('  - [x] [ ] ')).toBe('  - [x] ');
  });

  it('leaves anything else alone', () => {
    expect(duplicateMarker('- 1. ')).toBeNull();
    expect(duplicateMarker('- a - ')).toBeNull();
    expect(duplicateMarker('text - ')).toBeNull();
    expect(duplicateMarker('- ')).toBeNull();
  });
});
