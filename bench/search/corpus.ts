/**
 * The search benchmark's corpus, the same in Node (seeding the server) and in
 * the browser (seeding the offline engine): notes of ~2 KB, annotation
 * collections with comments, written from a fixed vocabulary whose word
 * frequencies follow Zipf's law (as words in real text do), from a seeded
 * PRNG so every run and both sides see the same text. No IO, no Node APIs.
 */

/** How big the corpus is. */
export interface CorpusSize {
  notes: number;
  collections: number;
  annotationsPerCollection: number;
  /** Comments per collection, spread over its annotations. */
  commentsPerCollection: number;
}

/** The corpus: 10,000 notes, 100,000 annotations, 50,000 comments. */
export const FULL_SIZE: CorpusSize = {
  notes: 10_000,
  collections: 50,
  annotationsPerCollection: 2_000,
  commentsPerCollection: 1_000,
};

/** A note as written. */
export interface NoteSpec {
  title: string;
  text: string;
  tags: string[];
  author: string;
}

/** A comment as written. */
export interface CommentSpec {
  body: string;
  author: string;
}

/** A range annotation as drawn, with its comments. */
export interface AnnotationSpec {
  title: string;
  body: string;
  tags: string[];
  channels: string[];
  t: number;
  t2: number;
  author: string;
  comments: CommentSpec[];
}

/** An annotation collection as made. */
export interface CollectionSpec {
  name: string;
  author: string;
  annotations: AnnotationSpec[];
}

/** The whole corpus. */
export interface Corpus {
  notes: NoteSpec[];
  collections: CollectionSpec[];
}

/** The most frequent words, in rank order: common English first, then the lab's own words. */
const COMMON = (
  'the of and to in is was for on that with as at by from it be this are were an or ' +
  'after before during then when while which not but all no one two three low high ' +
  'rover heater voltage battery current motor wheel camera spectrometer drill sample ' +
  'temperature pressure dust storm solar array panel thermal power bus antenna link ' +
  'telemetry command sequence uplink downlink orbit pass sol night morning noon ' +
  'calibration offset drift noise spike dip fault reset reboot anomaly nominal ' +
  'survival mode safe science target rock soil crater ridge slope traverse navigation ' +
  'hazard avoidance arm mast filter image frame exposure dark gain gyro imu attitude ' +
  'clock timer software patch log review approved pending retest scheduled'
).split(' ');

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
const CODAS = ['', 'n', 'r', 's', 'l', 'x', 'nd'];

/** Rare words: made-up syllable words, distinct from the common ones. */
function madeUpWords(count: number): string[] {
  const out: string[] = [];
  const seen = new Set(COMMON);
  for (let i = 0; out.length < count; i++) {
    let n = i;
    let word = '';
    for (let s = 0; s < 2 + (i % 3); s++) {
      word += ONSETS[n % ONSETS.length]! + VOWELS[(n >> 4) % VOWELS.length]!;
      n = Math.floor(n / 7) + s * 13 + i;
    }
    word += CODAS[i % CODAS.length];
    if (!seen.has(word)) {
      seen.add(word);
      out.push(word);
    }
  }
  return out;
}

/** The vocabulary in rank order (rank 1 = most frequent). */
export const VOCABULARY: readonly string[] = [...COMMON, ...madeUpWords(30_000 - COMMON.length)];

/** Tags an annotation or note may carry. */
export const TAGS = ['thermal', 'power', 'comms', 'nav', 'science', 'anomaly', 'ops', 'review'];
/** Channels annotations are drawn on. */
export const CHANNELS = Array.from(
  { length: 20 },
  (_, i) => `rover.ch${String(i).padStart(2, '0')}`,
);
/** The authors (user ids) who wrote the corpus. */
export const AUTHORS = ['ada', 'grace', 'katherine', 'margaret', 'mary'];
/** When the annotated telemetry starts; annotations spread over a year from here. */
export const T_START = Date.UTC(2026, 0, 1);
const YEAR = 365 * 24 * 3600_000;

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws words with Zipf frequencies (exponent 1) from VOCABULARY. */
function zipfSampler(random: () => number): () => string {
  const cumulative = new Float64Array(VOCABULARY.length);
  let sum = 0;
  for (let r = 0; r < VOCABULARY.length; r++) cumulative[r] = sum += 1 / (r + 1);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return VOCABULARY[lo]!;
  };
}

/** Generates the corpus of `size` (deterministic for a given seed). */
export function generateCorpus(size: CorpusSize, seed = 13): Corpus {
  const random = prng(seed);
  const word = zipfSampler(random);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const words = (min: number, max: number) =>
    Array.from({ length: min + Math.floor(random() * (max - min + 1)) }, word).join(' ');
  const sentence = () => {
    const s = words(6, 16);
    return s[0]!.toUpperCase() + s.slice(1) + '.';
  };
  const title = () => {
    const t = words(2, 5);
    return t[0]!.toUpperCase() + t.slice(1);
  };
  const someTags = () => [
    ...new Set(Array.from({ length: Math.floor(random() * 3) }, () => pick(TAGS))),
  ];

  const notes: NoteSpec[] = [];
  for (let i = 0; i < size.notes; i++) {
    let text = '';
    while (text.length < 1900) text += (text ? ' ' : '') + sentence();
    notes.push({ title: title(), text, tags: someTags(), author: pick(AUTHORS) });
  }
  const collections: CollectionSpec[] = [];
  for (let c = 0; c < size.collections; c++) {
    const annotations: AnnotationSpec[] = [];
    for (let i = 0; i < size.annotationsPerCollection; i++) {
      const t = T_START + Math.floor(random() * YEAR);
      annotations.push({
        title: title(),
        body: Array.from({ length: 1 + Math.floor(random() * 2) }, sentence).join(' '),
        tags: someTags(),
        channels: [pick(CHANNELS)],
        t,
        t2: t + 1000 + Math.floor(random() * 3_600_000),
        author: pick(AUTHORS),
        comments: [],
      });
    }
    for (let i = 0; i < size.commentsPerCollection; i++)
      pick(annotations).comments.push({ body: sentence(), author: pick(AUTHORS) });
    collections.push({ name: `Events ${c + 1}`, author: pick(AUTHORS), annotations });
  }
  return { notes, collections };
}

/** A query of the benchmark: what is typed, filters as the REST API takes them, and its class. */
export interface BenchQuery {
  label: string;
  q: string;
  filters: { kind?: ('note' | 'annotation' | 'comment')[]; tags?: string[] };
}

/**
 * The query mix: words of every frequency class (a word in most rows, in
 * some, in few), two words, a phrase, a prefix, an exclusion, and filters.
 */
export function benchQueries(): BenchQuery[] {
  const at = (rank: number) => VOCABULARY[rank - 1]!;
  return [
    { label: 'frequent word', q: 'heater', filters: {} },
    { label: 'frequent word', q: 'voltage', filters: {} },
    { label: 'mid word', q: at(400), filters: {} },
    { label: 'mid word', q: at(900), filters: {} },
    { label: 'rare word', q: at(8000), filters: {} },
    { label: 'rare word', q: at(20000), filters: {} },
    { label: 'two words', q: 'dust storm', filters: {} },
    { label: 'two words', q: `battery ${at(600)}`, filters: {} },
    { label: 'phrase', q: '"solar array"', filters: {} },
    { label: 'prefix', q: 'calib*', filters: {} },
    { label: 'prefix', q: `${at(1500).slice(0, 4)}*`, filters: {} },
    { label: 'exclusion', q: 'drill -sample', filters: {} },
    { label: 'kind filter', q: 'spike', filters: { kind: ['annotation'] } },
    { label: 'tag filter', q: 'fault', filters: { tags: ['thermal'] } },
    { label: 'most common word', q: 'the', filters: {} },
  ];
}

/** A row as search indexes it (the shape of crdt-model's SearchEntry). */
export interface CorpusRow {
  kind: 'note' | 'annotation' | 'comment';
  documentId: string;
  annotationId: string | null;
  commentId: string | null;
  title: string;
  body: string;
  tags: string[];
  author: string;
  status: 'draft' | null;
  channels: string[];
  from: number | null;
  to: number | null;
  updatedAt: number;
}

/**
 * Every searchable row of the corpus, grouped by document (note `n<i>`,
 * collection `c<i>`), as crdt-model's searchEntriesOf would give them.
 */
export function corpusRows(corpus: Corpus, updatedAt = T_START): Map<string, CorpusRow[]> {
  const docs = new Map<string, CorpusRow[]>();
  corpus.notes.forEach((n, i) => {
    const documentId = `n${i}`;
    docs.set(documentId, [
      {
        kind: 'note',
        documentId,
        annotationId: null,
        commentId: null,
        title: n.title,
        body: n.text,
        tags: n.tags,
        author: n.author,
        status: null,
        channels: [],
        from: null,
        to: null,
        updatedAt: updatedAt + i,
      },
    ]);
  });
  corpus.collections.forEach((c, ci) => {
    const documentId = `c${ci}`;
    const rows: CorpusRow[] = [];
    c.annotations.forEach((a, ai) => {
      const shared = {
        documentId,
        annotationId: `a${ci}-${ai}`,
        title: a.title,
        tags: a.tags,
        status: 'draft' as const,
        channels: a.channels,
        from: a.t,
        to: a.t2,
        updatedAt: updatedAt + ai,
      };
      rows.push({ ...shared, kind: 'annotation', commentId: null, body: a.body, author: a.author });
      a.comments.forEach((m, mi) =>
        rows.push({
          ...shared,
          kind: 'comment',
          commentId: `m${ci}-${ai}-${mi}`,
          body: m.body,
          author: m.author,
        }),
      );
    });
    docs.set(documentId, rows);
  });
  return docs;
}
