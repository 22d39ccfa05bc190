import { describe, expect, it } from 'vitest';
import { edgeSubscriptions, parseTopic, topicOf } from './sparkplugTopics';

describe('Sparkplug-style topics', () => {
  it('reads node and device messages and writes them back', () => {
    expect(parseTopic('spBv1.0/plant/NBIRTH/line3')).toEqual({
      group: 'plant',
      type: 'NBIRTH',
      edge: 'line3',
    });
    const d = parseTopic('spBv1.0/plant/DDATA/line3/press');
    expect(d).toEqual({ group: 'plant', type: 'DDATA', edge: 'line3', device: 'press' });
    expect(topicOf(d!)).toBe('spBv1.0/plant/DDATA/line3/press');
  });

  it('refuses other namespaces, unknown types and the wrong shape for a type', () => {
    for (const t of [
      'spAv1.0/plant/NBIRTH/line3',
      'spBv1.0/plant/NCMD/line3',
      'spBv1.0/plant/STATE/line3',
      'spBv1.0/plant/NBIRTH/line3/press',
      'spBv1.0/plant/DDATA/line3',
      'spBv1.0/plant/DDATA/line3/press/extra',
      'spBv1.0//DDATA/line3/press',
    ])
      expect([t, parseTopic(t)]).toEqual([t, null]);
  });

  it('subscribes to exactly one edge node', () => {
    expect(edgeSubscriptions('plant', 'line3')).toEqual([
      'spBv1.0/plant/+/line3',
      'spBv1.0/plant/+/line3/+',
    ]);
  });
});
