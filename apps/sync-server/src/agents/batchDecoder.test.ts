import { samplesToColumns, type ChannelSpec, type Sample } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import { decodeBatch } from './batchDecoder';

const channels = new Map<string, ChannelSpec>([
  ['v', { id: 'v', dataType: 'f64', unit: 'V' }],
  ['n', { id: 'n', dataType: 'u8', unit: '' }],
  ['m', { id: 'm', dataType: 'enum', unit: '' }],
]);
const head = {
  v: 1,
  type: 'telemetry.batch',
  agentId: 'a',
  sessionEpoch: 1,
  msgId: 'm1',
  sentAt: 1,
  stream: 's',
  firstSeq: 1,
  historical: false,
  overflow: 0,
};
const samples: Sample[] = [
  { ch: 'v', t: 10, value: 1.5, quality: 'good' },
  { ch: 'n', t: 10, value: 7, quality: 'suspect' },
  { ch: 'm', t: 11, value: 'drive', quality: 'good' },
  { ch: 'v', t: 12, value: -2, quality: 'bad' },
];

describe('decodeBatch', () => {
  it('lays out samples and columns identically', () => {
    const a = decodeBatch({ ...head, lastSeq: 4, samples }, channels);
    const b = decodeBatch({ ...head, lastSeq: 4, columns: samplesToColumns(samples) }, channels);
    expect(b.columns).toEqual(a.columns);
    expect(a.columns).toMatchObject({
      channelKeys: ['v', 'n', 'm'],
      labels: new Map([[2, 'drive']]),
    });
    expect([...a.columns.values]).toEqual([1.5, 7, 0, -2]);
    expect([...a.columns.qualities]).toEqual([0, 1, 0, 2]);
  });

  it('names the offending field of a bad column batch', () => {
    const cols = samplesToColumns(samples);
    const bad = (columns: unknown) => () => decodeBatch({ ...head, lastSeq: 4, columns }, channels);
    expect(bad({ ...cols, channels: ['v', 'x', 'm'] })).toThrow(
      /columns.channels\[1\]: "x" is not a channel/,
    );
    expect(bad({ ...cols, ch: [0, 1, 9, 0] })).toThrow(/columns.ch\[2\]/);
    expect(bad({ ...cols, t: [10, 10, -1, 12] })).toThrow(/columns.t\[2\]/);
    expect(bad({ ...cols, value: [1, 300, 'x', 1] })).toThrow(
      /columns.value\[1\] \(channel "n", u8\)/,
    );
    expect(bad({ ...cols, quality: [0, 1, 3, 0] })).toThrow(/columns.quality\[2\]/);
    expect(bad({ ...cols, t: [10] })).toThrow(/equal lengths/);
    expect(() => decodeBatch({ ...head, lastSeq: 4, columns: cols, samples }, channels)).toThrow(
      /either samples or columns/,
    );
    expect(() => decodeBatch({ ...head, lastSeq: 9, samples }, channels)).toThrow(/gap-free/);
  });
});
