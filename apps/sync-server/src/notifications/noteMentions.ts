import * as Y from 'yjs';
import { kindOf, noteBody, readNote } from '@fieldbook/crdt-model';
import type { EventActor } from '@fieldbook/shared';
import type { ChangeFeed, DocChange } from '../changes/changeFeed';
import { QuietBursts } from '../changes/quietBursts';
import { docKeyString, type DocKey } from '../storage/docStore';
import type { IdentityStore } from '../identity/identityStore';
import { actorName } from './actorNames';
import { membersOf, mentioned, mentionMatches } from './mentions';
import type { NotificationDraft } from './notificationService';

/** Characters (Yjs ids) one sender inserted: `length` clocks from `clock` of `client`. */
interface Inserted {
  client: number;
  clock: number;
  length: number;
  actor: string;
}

/** A stretch of the note's text, [start, end), that `actor` typed in the current window. */
interface TypedRange {
  start: number;
  end: number;
  actor: string;
}

interface Pending {
  key: DocKey;
  tenantId: string;
  /** What the window's updates inserted, by whom (ids only: the updates are not kept). */
  inserted: Inserted[];
}

/** Where in `text` the `inserted` characters still stand (deleted ones are gone). */
export function typedRanges(text: Y.Text, inserted: readonly Inserted[]): TypedRange[] {
  const out: TypedRange[] = [];
  let pos = 0;
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !item.countable) continue;
    const { client, clock } = item.id;
    for (const ins of inserted) {
      if (ins.client !== client) continue;
      const from = Math.max(ins.clock, clock);
      const to = Math.min(ins.clock + ins.length, clock + item.length);
      if (from < to)
        out.push({ start: pos + from - clock, end: pos + to - clock, actor: ins.actor });
    }
    pos += item.length;
  }
  return out;
}

/** The characters an update inserts, as sent by `actor`. */
function insertedBy(update: Uint8Array, actor: string): Inserted[] {
  return Y.decodeUpdate(update)
    .structs.filter((s): s is Y.Item => s instanceof Y.Item)
    .map((s) => ({ client: s.id.client, clock: s.id.clock, length: s.length, actor }));
}

/** The line of `text` around [start, end), at most 300 characters. */
function lineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const next = text.indexOf('\n', end);
  const line = text.slice(from, next < 0 ? text.length : next).trim();
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/**
 * The new mentions in a note: each `@handle` that characters typed in this
 * window belong to. Null for a document of another kind.
 */
function newMentions(doc: Y.Doc, inserted: readonly Inserted[]) {
  const kind = doc.share.has('meta') ? kindOf(doc) : null;
  if (kind !== 'note') return kind === null ? { title: '', found: [] } : null;
  const body = noteBody(doc);
  const text = body.toString();
  const matches = mentionMatches(text);
  if (matches.length === 0) return { title: '', found: [] };
  const typed = typedRanges(body, inserted);
  const found = matches.flatMap((m) => {
    const by = typed.find((r) => r.start < m.end && m.start < r.end);
    return by
      ? [{ handle: m.handle, actor: by.actor, excerpt: lineAround(text, m.start, m.end) }]
      : [];
  });
  return { title: readNote(doc).title, found };
}

/**
 * Tells members `@mentioned` in a note's text: off the sync path, from the
 * change feed, once the note has been quiet for `quietMs` (so `@al` on the
 * way to `@alice` names nobody), and only for mentions whose characters were
 * typed in that window — an edit elsewhere in a note keeps its old mentions
 * and tells nobody again. One notification per member and window, never to
 * the member who typed it. Only writers reach the feed, so a viewer never
 * mentions anyone.
 */
export function watchNoteMentions(options: {
  feed: ChangeFeed;
  identity: IdentityStore;
  actorOf(principalId: string): EventActor;
  notify(drafts: NotificationDraft[]): Promise<unknown>;
  onError(err: unknown): void;
  quietMs?: number;
  maxWaitMs?: number;
}): { stop(): Promise<void> } {
  const quietMs = options.quietMs ?? 1500;
  const maxWaitMs = options.maxWaitMs ?? 15_000;
  const notNotes = new Set<string>();
  let chain: Promise<void> = Promise.resolve();

  const evaluate = async (p: Pending) => {
    const name = docKeyString(p.key);
    const seen = await options.feed.withDoc(p.key, (doc) => newMentions(doc, p.inserted));
    if (!seen) {
      if (notNotes.size > 50_000) notNotes.clear();
      notNotes.add(name);
      return;
    }
    if (seen.found.length === 0) return;
    const members = await membersOf(options.identity, p.tenantId, p.key.workspaceId);
    const told = new Set<string>();
    const drafts: NotificationDraft[] = [];
    for (const m of seen.found) {
      for (const member of members) {
        if (member.userId === m.actor || told.has(member.userId)) continue;
        if (!mentioned(member, new Set([m.handle]))) continue;
        told.add(member.userId);
        const actor = options.actorOf(m.actor);
        const name = await actorName(options.identity, p.tenantId, actor);
        drafts.push({
          tenantId: p.tenantId,
          userId: member.userId,
          actor,
          kind: 'mention',
          title: `${name} mentioned you in “${seen.title || 'a note'}”`,
          body: m.excerpt,
          link: {
            workspaceId: p.key.workspaceId,
            docId: p.key.docId,
            annotationId: null,
            page: 'document',
            targetId: null,
          },
        });
      }
    }
    await options.notify(drafts);
  };

  const bursts = new QuietBursts<Pending>({ quietMs, maxMs: maxWaitMs }, (_name, p) => {
    chain = chain.then(() => evaluate(p)).catch(options.onError);
  });

  const onChange = (change: DocChange) => {
    if (change.kind !== 'updated' || change.key.docId === change.key.workspaceId) return;
    if (change.docKind !== undefined && change.docKind !== 'note') return;
    const name = docKeyString(change.key);
    if (notNotes.has(name)) return;
    bursts.add(name, (held) => {
      const p = held ?? { key: change.key, tenantId: change.tenantId, inserted: [] };
      for (const u of change.updates)
        for (const i of insertedBy(u.update, u.actor)) p.inserted.push(i);
      return p;
    });
  };

  const unsubscribe = options.feed.subscribe((batch) => batch.forEach(onChange));
  return {
    async stop() {
      unsubscribe();
      bursts.take(() => true);
      await chain;
    },
  };
}
