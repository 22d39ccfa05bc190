import type { Notification } from '@fieldbook/shared';
import { describe, expect, it } from 'vitest';
import { DesktopNoticeGate, NOTICE_BODY_MAX } from './desktopNotices';

const NOW = 1_800_000_000_000;
const note = (over: Partial<Notification> = {}): Notification => ({
  id: 'n1',
  kind: 'mention',
  title: 'Ada mentioned you in “Run 7”',
  body: '@bo please check',
  link: { workspaceId: 'w', docId: 'd', annotationId: null, page: 'document', targetId: null },
  actor: null,
  createdAt: NOW - 1000,
  readAt: null,
  ...over,
});

describe('DesktopNoticeGate', () => {
  it('raises a fresh unread notification once, while the preference is on', () => {
    let on = true;
    const gate = new DesktopNoticeGate({ enabled: () => on, now: () => NOW });
    expect(gate.decide(note())).toEqual({
      id: 'n1',
      title: 'Ada mentioned you in “Run 7”',
      body: '@bo please check',
    });
    expect(gate.decide(note())).toBeNull();
    on = false;
    expect(gate.decide(note({ id: 'n2' }))).toBeNull();
    on = true;
    expect(gate.decide(note({ id: 'n3' }))).not.toBeNull();
  });

  it('leaves read, old and backlog notifications to the bell', () => {
    const gate = new DesktopNoticeGate({ enabled: () => true, now: () => NOW, maxAgeMs: 60_000 });
    expect(gate.decide(note({ id: 'a', readAt: NOW }))).toBeNull();
    expect(gate.decide(note({ id: 'b', createdAt: NOW - 61_000 }))).toBeNull();
    expect(gate.decide(note({ id: 'c', createdAt: NOW - 59_000 }))).not.toBeNull();
  });

  it('clips long text and forgets the oldest ids beyond its memory', () => {
    const gate = new DesktopNoticeGate({ enabled: () => true, now: () => NOW, remember: 2 });
    expect(gate.decide(note({ body: 'x'.repeat(900) }))!.body).toHaveLength(NOTICE_BODY_MAX);
    gate.decide(note({ id: 'n2' }));
    gate.decide(note({ id: 'n3' }));
    expect(gate.decide(note({ id: 'n1' }))).not.toBeNull();
    expect(gate.decide(note({ id: 'n3' }))).toBeNull();
  });
});
