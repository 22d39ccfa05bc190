import type { CommandSpec } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import { checkParams, paramFields } from './paramFields';

const drive: CommandSpec = {
  id: 'drive.move',
  hazard: 'normal',
  parameterSchema: {
    type: 'object',
    properties: {
      meters: { type: 'number', minimum: 0.1, maximum: 50, title: 'Distance (m)' },
      mode: { type: 'string', enum: ['slow', 'fast'], title: 'Mode' },
      steps: { type: 'integer', minimum: 1, default: 3 },
    },
    required: ['meters'],
    additionalProperties: false,
  },
};

describe('command form from a parameter schema', () => {
  it('reads fields, kinds, limits and defaults in schema order', () => {
    const fields = paramFields(drive);
    expect(fields.map((f) => [f.name, f.kind, f.required, f.initial])).toEqual([
      ['meters', 'number', true, ''],
      ['mode', 'choice', false, ''],
      ['steps', 'integer', false, '3'],
    ]);
    expect(fields[0]).toMatchObject({ label: 'Distance (m)', min: 0.1, max: 50 });
    expect(fields[1]!.choices).toEqual(['slow', 'fast']);
  });

  it('gives typed parameters, or a sentence per bad field, as the server would', () => {
    const fields = paramFields(drive);
    expect(checkParams(drive, fields, { meters: '2.5', steps: '4' })).toEqual({
      params: { meters: 2.5, steps: 4 },
    });
    expect(checkParams(drive, fields, { meters: '', steps: '1.5' })).toEqual({
      errors: {
        meters: 'Distance (m) is required.',
        steps: 'steps must be a whole number.',
      },
    });
    expect(checkParams(drive, fields, { meters: '80' })).toEqual({
      errors: { meters: 'Distance (m) must be between 0.1 and 50.' },
    });
  });

  it('takes a command without parameters as an empty object', () => {
    const stop: CommandSpec = { id: 'drive.stop', hazard: 'normal', parameterSchema: {} };
    expect(checkParams(stop, paramFields(stop), {})).toEqual({ params: {} });
  });
});
