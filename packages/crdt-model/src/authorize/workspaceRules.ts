import * as Y from 'yjs';
import { metaChanges, unknownPart } from './contentRules';
import { timeProblem } from './timeRule';
import { rawGet, type Touch } from './touches';
import type { RuleContext } from './types';

/** Entry fields only the creating transaction writes. */
const FIXED_ENTRY_FIELDS = new Set(['id', 'createdBy', 'createdAt', 'kind']);
/** Entry fields that record the last edit of the listed document. */
const BOOKKEEPING = new Set(['updatedAt', 'updatedBy']);

function entryCreated(id: string, entry: unknown, c: RuleContext): void {
  const what = `lists a new document ${id}`;
  if (!(entry instanceof Y.Map)) {
    return c.add({ what, action: null, problem: 'a document entry must be a map' });
  }
  const by = entry.get('createdBy');
  if (by !== c.actor.id) {
    return c.add({
      what,
      action: null,
      problem: `createdBy must be the sender, not ${String(by)}`,
    });
  }
  const late = timeProblem(entry.get('createdAt'), c.now, 'createdAt');
  if (late) return c.add({ what, action: null, problem: late });
  c.add({ what, action: 'document.create' });
}

/** The `documents` map: entries listed, purged (document.delete) or replaced. */
function documentsChanged(t: Touch, c: RuleContext): void {
  const documents = c.doc.getMap('documents');
  for (const [id, change] of t.keys) {
    if (change.action !== 'add')
      c.add({ what: `removes document ${id} from the list`, action: 'document.delete' });
    if (change.action !== 'delete') entryCreated(id, documents.get(id), c);
  }
}

/** One entry's fields: trash/restore (document.trash), listing edits (document.edit), own by createdBy. */
function entryChanged(t: Touch, c: RuleContext): void {
  const [, id, field] = t.path;
  const entry = c.doc.getMap('documents').get(id!);
  const own = entry instanceof Y.Map && entry.get('createdBy') === c.actor.id;
  if (field !== undefined) {
    return c.add({ what: `the ${field} of document ${id}`, action: 'document.edit', own });
  }
  for (const [key, change] of t.keys) {
    const what = `the ${key} of document ${id}`;
    if (FIXED_ENTRY_FIELDS.has(key)) {
      c.add({ what, action: null, problem: `${key} is fixed when a document is listed` });
    } else if (key === 'trashedAt') {
      c.add({ what, action: 'document.trash', own });
    } else if (BOOKKEEPING.has(key)) {
      if (key === 'updatedBy' && rawGet(entry, key) !== c.actor.id && change.action !== 'delete')
        c.add({ what, action: null, problem: 'updatedBy must be the sender' });
      else c.add({ what, action: 'document.editContent' });
    } else {
      c.add({ what, action: 'document.edit', own });
    }
  }
}

/** Folders: made (document.create), renamed or moved (document.edit), deleted (document.trash) — everyone's. */
function foldersChanged(t: Touch, c: RuleContext): void {
  const [, id] = t.path;
  if (id !== undefined) return c.add({ what: `folder ${id}`, action: 'document.edit', own: false });
  for (const [folder, change] of t.keys) {
    if (change.action !== 'add')
      c.add({ what: `deletes folder ${folder}`, action: 'document.trash', own: false });
    if (change.action !== 'delete')
      c.add({ what: `makes folder ${folder}`, action: 'document.create' });
  }
}

/** Saved searches and tag colours: workspace furniture any contributor arranges (as the app offers). */
function savedSearchesChanged(t: Touch, c: RuleContext): void {
  const [, id] = t.path;
  const searches = c.doc.getMap('savedSearches');
  if (id !== undefined) {
    const own = rawGet(searches.get(id), 'createdBy') === c.actor.id;
    return c.add({
      what: `saved search ${id}`,
      action: own ? 'document.create' : 'document.edit',
      own,
    });
  }
  for (const [search, change] of t.keys) {
    const entry = change.action === 'delete' ? change.oldValue : searches.get(search);
    const own = rawGet(entry, 'createdBy') === c.actor.id;
    if (change.action !== 'delete' && !own) {
      c.add({
        what: `saves search ${search}`,
        action: null,
        problem: 'createdBy must be the sender',
      });
    } else {
      c.add({
        what: `saved search ${search}`,
        action: own ? 'document.create' : 'document.edit',
        own,
      });
    }
  }
}

/** Workspace index: meta, document entries, folders, saved searches, tag colours. */
export function workspaceChanges(t: Touch, c: RuleContext): void {
  const [root, id] = t.path;
  switch (root) {
    case 'meta':
      return metaChanges(t, c);
    case 'documents':
      return id === undefined ? documentsChanged(t, c) : entryChanged(t, c);
    case 'folders':
      return foldersChanged(t, c);
    case 'savedSearches':
      return savedSearchesChanged(t, c);
    case 'tagColors':
      return c.add({ what: 'tag colours', action: 'document.create' });
    default:
      return unknownPart(t, c);
  }
}
