import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { collect } from '../testing/collect';
import { roCrateProblems } from '../testing/roCrateRules';
import { buildSampleWorkspace, sampleSource, T0 } from '../testing/sampleWorkspace';
import { unzip } from '../testing/unzip';
import { writeEln, type ElnSource } from './elnExport';

const ws = buildSampleWorkspace(3);
const source: ElnSource = {
  ...sampleSource(ws),
  runs: async () => [
    {
      id: 'run-17',
      name: 'Raman scan 17',
      startedAt: T0,
      finishedAt: T0 + 60_000,
      operator: 'user-bob',
      record: { qc: { snr: 41 } },
    },
  ],
};

type Json = Record<string, unknown> & { '@id': string };

describe('.eln export', () => {
  it('is one root folder holding an RO-Crate 1.1 that describes every file', async () => {
    const bytes = await collect((out) =>
      writeEln(
        source,
        { exportedBy: 'Ada Lovelace', exportedAt: T0, filter: {} },
        out,
        'rover-ops',
      ),
    );
    const entries = await unzip(bytes);
    const roots = new Set([...entries.keys()].map((p) => p.split('/')[0]));
    expect([...roots]).toEqual(['rover-ops']);
    const files = new Map([...entries].map(([p, b]) => [p.slice('rover-ops/'.length), b]));
    const metadata = JSON.parse(files.get('ro-crate-metadata.json')!.toString());
    expect(roCrateProblems(metadata, files)).toEqual([]);

    const graph = metadata['@graph'] as Json[];
    const byId = new Map(graph.map((e) => [e['@id'], e]));
    const notes = graph.filter((e) => e['genre'] === 'note');
    expect(notes.map((n) => n['name']).sort()).toEqual([
      'Calibration, "drift" notes',
      'Drive plan',
      'Spectrum 7',
    ]);
    const plan = notes.find((n) => n['name'] === 'Drive plan')!;
    expect(byId.get((plan['author'] as Json)['@id'])).toMatchObject({
      '@type': 'Person',
      name: 'Ada Lovelace',
    });
    expect(plan['dateCreated']).toMatch(/^\d{4}-/);
    expect((plan['hasPart'] as Json[]).map((p) => p['@id'])).toEqual([
      'notes/drive-plan/drive-plan.md',
      'notes/drive-plan/attachments/plot.png',
    ]);
    const collections = graph.filter((e) => e['genre'] === 'annotation collection');
    expect(collections).toHaveLength(2);
    const json = JSON.parse(files.get('annotations/thermal-events/annotations.json')!.toString());
    expect(json.collections[0].annotations).toHaveLength(3);
    expect(files.get('annotations/thermal-events/annotations.csv')!.subarray(0, 3)).toEqual(
      Buffer.from([0xef, 0xbb, 0xbf]),
    );
    expect(byId.get('runs/run-17.json')).toMatchObject({
      name: 'Raman scan 17',
      genre: 'instrument run',
    });
    // A link between notes points to the other note's file inside the crate.
    expect(files.get('notes/drive-plan/drive-plan.md')!.toString()).toContain(
      '(../calibration-drift-notes/calibration-drift-notes.md)',
    );
  });

  it('passes ro-crate-js validation (an independent reader)', async () => {
    const bytes = await collect((out) =>
      writeEln(source, { exportedBy: 'Ada', exportedAt: T0, filter: {} }, out, 'ws'),
    );
    const entries = await unzip(bytes);
    const metadata = JSON.parse(entries.get('ws/ro-crate-metadata.json')!.toString());
    const require = createRequire(import.meta.url);
    // ro-crate-js fetches the context named in the crate; this machine is offline, so answer
    // with the context file the library ships (the same schema.org terms as 1.1's).
    const shipped = require('ro-crate/lib/context.json') as object;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () => new Response(JSON.stringify(shipped))) as typeof fetch;
    try {
      const { ROCrate } = require('ro-crate') as {
        ROCrate: new (json: unknown, o: object) => { resolveContext(): Promise<unknown> };
      };
      const { Validator } = require('ro-crate/lib/validator.js') as {
        Validator: new (crate: unknown) => {
          validate(): Promise<boolean>;
          results: { status: string; message: string; id: string }[];
        };
      };
      const crate = new ROCrate(metadata, { array: true, link: true });
      await crate.resolveContext();
      const validator = new Validator(crate);
      await validator.validate();
      expect(validator.results.filter((r) => r.status === 'error')).toEqual([]);
      expect(validator.results.filter((r) => r.status === 'success').map((r) => r.id)).toEqual(
        expect.arrayContaining([
          'contextName',
          'nameRequired',
          'descriptionRequired',
          'datePublishedRequired',
          'licenseRequired',
          'datePublishedFormat',
        ]),
      );
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
