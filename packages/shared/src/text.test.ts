import { describe, expect, it } from 'vitest';
import {
  AnnotationSchema,
  DocumentEntrySchema,
  FolderSchema,
  NoteSnapshotSchema,
  TagSchema,
  WorkspaceIndexSnapshotSchema,
} from './documents';
import { isFieldbookError } from './errors';
import { decodeUtf8Strict, text, textProblem } from './text';

const BAD = {
  nul: 'Rover\u0000ops',
  loneHigh: 'Rover \ud800 ops',
  loneLow: 'ops \udc00',
  reversedPair: '\udc00\ud800',
};

describe('textProblem', () => {
  it('refuses NUL and lone surrogates, accepts any real Unicode text', () => {
    expect(textProblem(BAD.nul)).toMatch(/NUL/);
    for (const s of [BAD.loneHigh, BAD.loneLow, BAD.reversedPair, '\ud800'])
      expect(textProblem(s)).toMatch(/lone surrogate/);
    for (const s of ['', 'Mars Lab', 'Ünïcödé ✓', '🚀 rover 🛰️', 'tab\tand\nnewline', '\uffff'])
      expect(textProblem(s)).toBeNull();
  });

  it('keeps its rule through chained checks', () => {
    const name = text().trim().min(1).max(10);
    expect(name.parse('  lab  ')).toBe('lab');
    expect(name.safeParse(' \u0000 ').success).toBe(false);
    expect(name.safeParse('x'.repeat(11)).success).toBe(false);
  });
});

describe('document schemas refuse invalid text where strings come in', () => {
  const id = '01934f6e-8a3b-7c1d-9e2f-0a1b2c3d4e5f';
  it.each(Object.entries(BAD))('%s', (_name, bad) => {
    expect(TagSchema.safeParse(bad).success).toBe(false);
    expect(FolderSchema.safeParse({ id, name: bad, parentId: null }).success).toBe(false);
    const entry = {
      id,
      kind: 'note',
      title: bad,
      tags: [],
      folderId: null,
      createdBy: 'u',
      createdAt: 1,
      updatedAt: 1,
      trashedAt: null,
    };
    expect(DocumentEntrySchema.safeParse(entry).success).toBe(false);
    expect(DocumentEntrySchema.safeParse({ ...entry, title: 'fine' }).success).toBe(true);
    const index = { schemaVersion: 1, name: bad, documents: [], folders: [], tagColors: {} };
    expect(WorkspaceIndexSnapshotSchema.safeParse(index).success).toBe(false);
    const note = { schemaVersion: 1, title: 't', text: bad, tags: [], attachments: [], links: [] };
    expect(NoteSnapshotSchema.safeParse(note).success).toBe(false);
    const annotation = {
      id,
      kind: 'point',
      anchor: { channels: ['c'], t: 1, y: 1 },
      title: 't',
      body: 'b',
      tags: [],
      style: {},
      status: 'draft',
      author: 'u',
      createdAt: 1,
      updatedAt: 1,
      comments: [
        { id, parentId: null, author: 'u', body: bad, ts: 1, editedAt: null, resolved: false },
      ],
      attachments: [],
    };
    expect(AnnotationSchema.safeParse(annotation).success).toBe(false);
  });
});

describe('decodeUtf8Strict', () => {
  it('decodes UTF-8 and refuses malformed bytes instead of replacing them', () => {
    expect(decodeUtf8Strict(new TextEncoder().encode('{"name":"Ü"}'))).toBe('{"name":"Ü"}');
    for (const bytes of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0x7b, 0x80, 0x7d]]) {
      let caught: unknown;
      try {
        decodeUtf8Strict(new Uint8Array(bytes), 'request body');
      } catch (err) {
        caught = err;
      }
      expect(isFieldbookError(caught, 'VALIDATION_ERROR')).toBe(true);
      expect((caught as Error).message).toBe('Invalid request body: not valid UTF-8');
    }
  });
});
