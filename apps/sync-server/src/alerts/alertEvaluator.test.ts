import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import { tempDir } from '../testing/harness';
import { integrationEvent } from '../webhooks/events';
import { conditionMatches, evaluateAlerts } from './alertEvaluator';
import type { AlertStore } from './alertStore';
import { openSqliteAlertStore } from './sqlite/sqliteAlertStore';

const T = newId();
const WS = newId();
const MIN = 60_000;
let dir: ReturnType<typeof tempDir>;
let store: AlertStore;
beforeEach(() => {
  dir = tempDir('fb-alert-eval-');
  store = openSqliteAlertStore({ file: join(dir.dir, 'integrations.db') });
});
afterEach(async () => {
  await store.close();
  dir.cleanup();
});

const created = (id: string, at: number, tags = ['anomaly']) =>
  integrationEvent({
    event: 'annotation.created',
    tenantId: T,
    workspaceId: WS,
    actor: null,
    occurredAt: at,
    data: {
      docId: 'doc',
      annotation: {
        id,
        kind: 'point',
        title: `Current ${id}`,
        body: '',
        tags,
        channels: ['wheel.current'],
        status: 'draft',
      },
    },
  });

it('matches kind, tags, keywords, channels and status, each only when given', () => {
  const a = {
    id: 'a',
    kind: 'range',
    title: 'Wheel CURRENT spike',
    body: 'see log',
    tags: ['anomaly'],
    channels: ['w1'],
    status: 'draft',
  };
  expect(conditionMatches({}, a)).toBe(true);
  expect(
    conditionMatches(
      {
        kinds: ['range'],
        tags: ['x', 'anomaly'],
        keywords: ['current'],
        channels: ['w1'],
        status: 'draft',
      },
      a,
    ),
  ).toBe(true);
  expect(conditionMatches({ kinds: ['point'] }, a)).toBe(false);
  expect(conditionMatches({ keywords: ['voltage'] }, a)).toBe(false);
  expect(conditionMatches({ status: 'approved' }, a)).toBe(false);
  expect(conditionMatches({ channels: ['w2'] }, a)).toBe(false);
});

it('fires once per threshold crossing and again after the count fell below it', async () => {
  await store.insertRule({
    tenantId: T,
    id: newId(),
    workspaceId: WS,
    name: 'Three in ten minutes',
    condition: { tags: ['anomaly'] },
    threshold: { count: 3, windowMs: 10 * MIN },
    actions: { notifyUsers: [], notifyRoles: [], webhook: false },
    muted: false,
    armed: true,
    createdAt: 0,
    createdBy: 'u',
  });
  const fired: number[] = [];
  const feed = async (id: string, at: number, tags?: string[]) => {
    if ((await evaluateAlerts(store, created(id, at, tags))).length > 0) fired.push(at);
  };
  await feed('a', 0);
  await feed('b', 1 * MIN);
  await feed('x', 2 * MIN, ['other']);
  await feed('c', 2 * MIN);
  await feed('d', 3 * MIN);
  await feed('c', 4 * MIN);
  expect(fired).toEqual([2 * MIN]);
  await feed('e', 30 * MIN);
  await feed('f', 31 * MIN);
  await feed('g', 32 * MIN);
  expect(fired).toEqual([2 * MIN, 32 * MIN]);
});
