// Test support: the RO-Crate 1.1 rules a crate must follow, checked on a
// parsed `ro-crate-metadata.json` and the files of its crate directory.
// Each broken rule is reported as a sentence naming the spec's requirement.
import { createHash } from 'node:crypto';

type Json = Record<string, unknown>;
const CONTEXT = 'https://w3id.org/ro/crate/1.1/context';
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const types = (e: Json) => ([] as unknown[]).concat(e['@type'] ?? []);
const refs = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.flatMap(refs)
    : v && typeof v === 'object' && '@id' in v
      ? [String((v as Json)['@id'])]
      : [];

/**
 * Problems with a crate, empty when it follows RO-Crate 1.1: context by
 * reference; a flat @graph of entities with unique @id and an @type; the
 * metadata descriptor (CreativeWork, conformsTo 1.1, about ./); the root
 * Dataset with name, description, ISO 8601 datePublished and license; every
 * reference resolvable; Dataset ids ending in "/"; every data entity reachable
 * from the root through hasPart and present in `files` (with matching
 * contentSize and sha256 where given); every file described.
 */
export function roCrateProblems(metadata: Json, files: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  if (metadata['@context'] !== CONTEXT) problems.push(`@context must be "${CONTEXT}" by reference`);
  const graph = metadata['@graph'];
  if (!Array.isArray(graph)) return [...problems, '@graph must be an array'];
  const byId = new Map<string, Json>();
  for (const e of graph as Json[]) {
    const id = e['@id'];
    if (typeof id !== 'string' || !id) problems.push('every entity needs an @id');
    else if (byId.has(id)) problems.push(`@id ${id} is used twice`);
    else byId.set(id, e);
    if (types(e).length === 0) problems.push(`${String(id)} has no @type`);
    for (const [k, v] of Object.entries(e)) {
      const nested = ([] as unknown[])
        .concat(v)
        .some((x) => x && typeof x === 'object' && Object.keys(x).some((kk) => kk !== '@id'));
      if (nested) problems.push(`${String(id)}.${k} nests an entity (the graph must be flattened)`);
    }
  }
  const desc = byId.get('ro-crate-metadata.json');
  if (!desc) problems.push('the metadata descriptor ro-crate-metadata.json is missing');
  else {
    if (!types(desc).includes('CreativeWork'))
      problems.push('the descriptor must be a CreativeWork');
    if (!refs(desc.conformsTo).some((r) => r.startsWith('https://w3id.org/ro/crate/1.1')))
      problems.push('the descriptor must conform to https://w3id.org/ro/crate/1.1');
    if (refs(desc.about)[0] !== './') problems.push('the descriptor must be about ./');
  }
  const root = byId.get('./');
  if (!root) return [...problems, 'the root data entity ./ is missing'];
  if (!types(root).includes('Dataset')) problems.push('the root must be a Dataset');
  for (const p of ['name', 'description', 'datePublished', 'license'])
    if (root[p] === undefined || root[p] === '') problems.push(`the root needs ${p}`);
  if (typeof root.datePublished !== 'string' || !ISO_DATE.test(root.datePublished))
    problems.push('datePublished must be an ISO 8601 date');
  for (const e of byId.values())
    for (const [k, v] of Object.entries(e))
      for (const r of refs(v))
        if (!byId.has(r) && !ABSOLUTE.test(r))
          problems.push(`${String(e['@id'])}.${k} refers to ${r}, which is not in the graph`);
  const reachable = new Set<string>();
  const walk = (id: string) => {
    if (reachable.has(id)) return;
    reachable.add(id);
    for (const r of refs(byId.get(id)?.hasPart)) walk(r);
  };
  walk('./');
  for (const e of byId.values()) {
    const id = String(e['@id']);
    const isFile = types(e).includes('File');
    const isDataset = types(e).includes('Dataset') && id !== './';
    if (!isFile && !isDataset) continue;
    if (ABSOLUTE.test(id)) continue;
    if (!reachable.has(id)) problems.push(`${id} is not reachable from the root through hasPart`);
    if (isDataset && !id.endsWith('/')) problems.push(`Dataset ${id} must end with /`);
    if (isFile) {
      const bytes = files.get(decodeURI(id));
      if (!bytes) {
        problems.push(`File ${id} is not in the crate`);
        continue;
      }
      if (e.contentSize !== undefined && String(e.contentSize) !== String(bytes.length))
        problems.push(`File ${id}: contentSize ${String(e.contentSize)} ≠ ${bytes.length}`);
      if (e.sha256 !== undefined && e.sha256 !== createHash('sha256').update(bytes).digest('hex'))
        problems.push(`File ${id}: sha256 does not match`);
      if (e.encodingFormat === undefined)
        problems.push(`File ${id} should name its encodingFormat`);
    }
  }
  for (const path of files.keys())
    if (path !== 'ro-crate-metadata.json' && !byId.has(encodeURI(path)))
      problems.push(`${path} is in the crate but not described`);
  return problems;
}
