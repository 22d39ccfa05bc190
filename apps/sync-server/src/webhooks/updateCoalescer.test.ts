import { expect, it } from 'vitest';
import type { WebhookEvent } from '@fieldbook/shared';
import { integrationEvent, type IntegrationEvent } from './events';
import { UpdateCoalescer } from './updateCoalescer';

const ev = (event: WebhookEvent, annotation: string, actor: string, title = '') =>
  integrationEvent({
    event,
    tenantId: 't',
    workspaceId: 'w',
    actor: { type: 'user', id: actor, label: null },
    occurredAt: Date.now(),
    data: { docId: 'd', annotation: { id: annotation, title } },
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const told = (out: IntegrationEvent[]) =>
  out.map((e) => {
    const d = e.data as { annotation: { id: string; title: string }; edits?: number };
    return `${e.event} ${d.annotation.id} ${e.actor?.id} ${d.annotation.title} ${d.edits ?? '-'}`;
  });

it('gathers one person’s burst of edits to one annotation into one event with the newest state', async () => {
  const out: IntegrationEvent[] = [];
  const c = new UpdateCoalescer((e) => out.push(...e), { quietMs: 60, maxMs: 10_000 });
  for (const title of ['B', 'Br', 'Bra', 'Brake']) {
    c.add([ev('annotation.updated', 'a', 'ann', title)]);
    await sleep(10);
  }
  c.add([ev('annotation.updated', 'a', 'bo', 'Brake!')]);
  c.add([ev('annotation.updated', 'b', 'ann', 'Other')]);
  expect(out).toEqual([]);
  await sleep(150);
  expect(told(out).sort()).toEqual([
    'annotation.updated a ann Brake 4',
    'annotation.updated a bo Brake! 1',
    'annotation.updated b ann Other 1',
  ]);
});

it('sends gathered edits before any other event of the same annotation, and others at once', () => {
  const out: IntegrationEvent[] = [];
  const c = new UpdateCoalescer((e) => out.push(...e), { quietMs: 60_000, maxMs: 60_000 });
  c.add([ev('annotation.updated', 'a', 'ann', 'x'), ev('annotation.updated', 'b', 'ann', 'y')]);
  c.add([ev('annotation.updated', 'a', 'ann', 'xy')]);
  c.add([ev('annotation.created', 'c', 'ann', 'new')]);
  c.add([ev('annotation.approved', 'a', 'cy', 'xy')]);
  expect(told(out)).toEqual([
    'annotation.created c ann new -',
    'annotation.updated a ann xy 2',
    'annotation.approved a cy xy -',
  ]);
  c.flush();
  expect(told(out).at(-1)).toBe('annotation.updated b ann y 1');
});

it('does not wait past maxMs for someone who never pauses', async () => {
  const out: IntegrationEvent[] = [];
  const c = new UpdateCoalescer((e) => out.push(...e), { quietMs: 50, maxMs: 120 });
  const started = Date.now();
  while (out.length === 0 && Date.now() - started < 1000) {
    c.add([ev('annotation.updated', 'a', 'ann', 'typing')]);
    await sleep(20);
  }
  expect(out).toHaveLength(1);
  expect(Date.now() - started).toBeLessThan(400);
  c.flush();
});
