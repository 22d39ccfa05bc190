import { describe, expect, it } from 'vitest';
import { checkCommandParams } from './commandParams';

const move = {
  id: 'drive.move',
  parameterSchema: {
    type: 'object',
    properties: {
      meters: { type: 'number', minimum: 0.1, maximum: 50 },
      mode: { type: 'string', enum: ['slow', 'fast'] },
    },
    required: ['meters'],
    additionalProperties: false,
  },
};

describe('command parameters against the manifest', () => {
  it('accepts what the JSON Schema allows and names each bad field otherwise', () => {
    expect(checkCommandParams(move, { meters: 3, mode: 'slow' })).toEqual({
      meters: 3,
      mode: 'slow',
    });
    for (const bad of [
      { meters: 99 },
      { mode: 'slow' },
      { meters: 1, mode: 'warp' },
      { meters: 1, x: 1 },
    ]) {
      expect(() => checkCommandParams(move, bad)).toThrow(/parameters of drive.move/);
    }
    try {
      checkCommandParams(move, { meters: 99 });
    } catch (e) {
      expect((e as { details: { path: string }[] }).details[0]!.path).toBe('meters');
    }
  });

  it('takes only an empty object for a command without parameters', () => {
    const stop = { id: 'drive.stop', parameterSchema: {} };
    expect(checkCommandParams(stop, {})).toEqual({});
    expect(() => checkCommandParams(stop, { now: true })).toThrow();
  });
});
