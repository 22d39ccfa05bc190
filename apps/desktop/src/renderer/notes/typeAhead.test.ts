import { describe, expect, it } from 'vitest';
import { typedInto } from './typeAhead';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('typedInto', () => {
  it('writes characters, Enter and Tab, and Backspace takes the last one back', () => {
    let text = '';
    for (const k of ['a', 'é', 'Enter', 'Tab', 'Shift', 'B', '😀', 'b', 'Backspace']) {
      text = typedInto(text, key(k))!;
    }
    expect(text).toBe('aé\n\tB😀');
  });

  it('gives shortcuts and named keys back (null), so they end the holding', () => {
    expect(typedInto('a', key('k', { ctrlKey: true }))).toBeNull();
    expect(typedInto('a', key('n', { altKey: true }))).toBeNull();
    expect(typedInto('a', key('ArrowLeft'))).toBeNull();
    expect(typedInto('a', key('Escape'))).toBeNull();
  });
});
