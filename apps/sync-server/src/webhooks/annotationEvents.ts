import type * as Y from 'yjs';
import { changesOf, readAnnotation } from '@fieldbook/crdt-model';
import type { Annotation, EventActor, WebhookEvent } from '@fieldbook/shared';
import type { ChangeFeed, DocChange } from '../changes/changeFeed';
import type { BurstWindow } from '../changes/quietBursts';
import { integrationEvent, type IntegrationEvent } from './events';
import { UpdateCoalescer } from './updateCoalescer';

/** What events say about an annotation (the fields alert rules match on; no comment bodies). */
export function annotationData(a: Annotation, docId: string) {
  return {
    docId,
    annotation: {
      id: a.id,
      kind: a.kind,
      title: a.title,
      body: a.body.slice(0, 2000),
      tags: a.tags,
      channels: a.anchor.channels,
      status: a.status,
      author: a.author,
      t: a.anchor.t,
      t2: a.anchor.t2 ?? null,
    },
  };
}

type Found = { event: WebhookEvent; id: string; commentId?: string };

/** The annotation events one update made, read from `doc` (which holds it). */
function eventsOfUpdate(doc: Y.Doc, update: Uint8Array): Found[] {
  const byId = new Map<string, Found[]>();
  const add = (f: Found) => byId.set(f.id, [...(byId.get(f.id) ?? []), f]);
  for (const c of changesOf(doc, update)) {
    const [root, id, field, commentId, commentField] = c.path;
    if (root !== 'annotations' || !id) continue;
    if (field === undefined)
      add({ event: c.op === 'insert' ? 'annotation.created' : 'annotation.deleted', id });
    else if (field === 'status' && c.op === 'insert')
      add({ event: c.value === 'approved' ? 'annotation.approved' : 'annotation.reopened', id });
    else if (field === 'comments' && commentId && commentField === undefined && c.op === 'insert')
      add({ event: 'comment.created', id, commentId });
    else if (field !== 'updatedAt' && field !== 'comments' && field !== 'status')
      add({ event: 'annotation.updated', id });
  }
  const out: Found[] = [];
  for (const found of byId.values()) {
    const kinds = new Set(found.map((f) => f.event));
    // A created or deleted annotation is only that; an edit beside a status change is the status change.
    if (kinds.has('annotation.created'))
      out.push(found.find((f) => f.event === 'annotation.created')!);
    else if (kinds.has('annotation.deleted'))
      out.push(found.find((f) => f.event === 'annotation.deleted')!);
    else {
      const status = found.find(
        (f) => f.event === 'annotation.approved' || f.event === 'annotation.reopened',
      );
      if (status) out.push(status);
      else if (kinds.has('annotation.updated'))
        out.push(found.find((f) => f.event === 'annotation.updated')!);
      out.push(...found.filter((f) => f.event === 'comment.created'));
    }
  }
  return out;
}

/**
 * Reads committed updates of annotation collections off the change feed and
 * publishes annotation created / updated / approved / reopened / deleted and
 * comment created events (a comment event carries the comment's text for
 * mentions). A burst of edits by one person to one annotation is summarised
 * into one `annotation.updated` (see UpdateCoalescer; `coalesce` sets the
 * window). Runs after the update is durable, outside the sync path;
 * `actorOf` names the sender of an update. The answer stops watching and
 * sends the edits gathered so far.
 */
export function watchAnnotationEvents(options: {
  feed: ChangeFeed;
  actorOf(principalId: string): EventActor;
  publish(events: IntegrationEvent[]): void;
  onError(err: unknown): void;
  coalesce?: BurstWindow;
}): () => void {
  const coalescer = new UpdateCoalescer((events) => options.publish(events), options.coalesce);
  let stopped = false;
  const read = async (change: Extract<DocChange, { kind: 'updated' }>) => {
    const { key, tenantId } = change;
    if (key.docId === key.workspaceId) return;
    const events = await options.feed.withDoc(key, (doc) => {
      if (!doc.share.has('annotations')) return [];
      const out: IntegrationEvent[] = [];
      for (const u of change.updates) {
        for (const f of eventsOfUpdate(doc, u.update)) {
          const a = readAnnotation(doc, f.id);
          const comment = f.commentId ? a?.comments.find((c) => c.id === f.commentId) : undefined;
          out.push(
            integrationEvent({
              event: f.event,
              tenantId,
              workspaceId: key.workspaceId,
              actor: options.actorOf(u.actor),
              occurredAt: u.ts,
              data: a
                ? {
                    ...annotationData(a, key.docId),
                    ...(comment
                      ? {
                          comment: {
                            id: comment.id,
                            parentId: comment.parentId,
                            author: comment.author,
                            body: comment.body,
                          },
                        }
                      : {}),
                  }
                : { docId: key.docId, annotation: { id: f.id } },
            }),
          );
        }
      }
      return out;
    });
    if (events.length === 0) return;
    if (stopped) options.publish(events);
    else coalescer.add(events);
  };
  let chain: Promise<void> = Promise.resolve();
  const unsubscribe = options.feed.subscribe((batch) => {
    for (const change of batch) {
      if (change.kind !== 'updated') continue;
      if (change.docKind !== undefined && change.docKind !== 'annotations') continue;
      chain = chain.then(() => read(change)).catch(options.onError);
    }
  });
  return () => {
    unsubscribe();
    stopped = true;
    coalescer.flush();
  };
}
