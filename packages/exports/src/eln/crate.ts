// An RO-Crate 1.1 metadata document (`ro-crate-metadata.json`), built entity
// by entity: flattened JSON-LD, one @graph, every reference an {"@id"} to an
// entity of the graph or an absolute URI.

export const RO_CRATE_CONTEXT = 'https://w3id.org/ro/crate/1.1/context';
export const RO_CRATE_SPEC = 'https://w3id.org/ro/crate/1.1';

/** A reference to another entity. */
export type Ref = { '@id': string };
/** One JSON-LD entity of the graph. */
export type Entity = { '@id': string; '@type': string | string[] } & Record<string, unknown>;

export const ref = (id: string): Ref => ({ '@id': id });

/** A crate under construction: the root dataset, its parts and contextual entities. */
export class CrateGraph {
  private readonly entities = new Map<string, Entity>();
  private readonly rootParts: Ref[] = [];

  constructor(root: {
    name: string;
    description: string;
    datePublished: string;
    license: Entity;
    publisher: Entity;
  }) {
    this.put({
      '@id': 'ro-crate-metadata.json',
      '@type': 'CreativeWork',
      conformsTo: ref(RO_CRATE_SPEC),
      about: ref('./'),
      dateCreated: root.datePublished,
      sdPublisher: ref(root.publisher['@id']),
    });
    this.put({
      '@id': './',
      '@type': 'Dataset',
      name: root.name,
      description: root.description,
      datePublished: root.datePublished,
      license: ref(root.license['@id']),
      hasPart: this.rootParts,
    });
    this.put(root.license);
    this.put(root.publisher);
  }

  /** Adds (or replaces) an entity. */
  put(entity: Entity): Ref {
    this.entities.set(entity['@id'], entity);
    return ref(entity['@id']);
  }

  /** Whether an entity with this @id is in the graph. */
  has(id: string): boolean {
    return this.entities.has(id);
  }

  /** Adds a data entity (File or Dataset) and lists it in `parent`'s hasPart (default: the root dataset). */
  addPart(entity: Entity, parent?: Entity): Ref {
    const r = this.put(entity);
    if (parent) (parent.hasPart as Ref[]).push(r);
    else this.rootParts.push(r);
    return r;
  }

  /** The metadata document. */
  toJson(): { '@context': string; '@graph': Entity[] } {
    return { '@context': RO_CRATE_CONTEXT, '@graph': [...this.entities.values()] };
  }
}

/** A path segment for crate paths: lower-case ASCII letters, digits and hyphens. */
export function slug(text: string, fallback = 'untitled'): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return s || fallback;
}

/** Hands out unique slugs within one folder. */
export class SlugSet {
  private readonly used = new Set<string>();
  take(text: string, fallback?: string): string {
    const base = slug(text, fallback);
    let s = base;
    for (let i = 2; this.used.has(s); i++) s = `${base}-${i}`;
    this.used.add(s);
    return s;
  }
}
