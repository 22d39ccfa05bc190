import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@fieldbook/shared';
import type { AlertRuleRecord, AlertStore } from './alertStore';

const T1 = newId();
const T2 = newId();
const WS = newId();

function rule(over: Partial<AlertRuleRecord> = {}): AlertRuleRecord {
  return {
    tenantId: T1,
    id: newId(),
    workspaceId: WS,
    name: 'Wheel current spikes',
    condition: { tags: ['anomaly'], keywords: ['current'] },
    threshold: { count: 3, windowMs: 3_600_000 },
    actions: { notifyUsers: [], notifyRoles: ['reviewer'], webhook: true },
    muted: false,
    armed: true,
    createdAt: 1000,
    createdBy: 'u1',
    ...over,
  };
}

/** The behaviour every AlertStore must show; run it on each implementation. */
export function alertStoreContract(
  name: string,
  open: () => Promise<{ store: AlertStore; cleanup(): void }>,
) {
  describe(`AlertStore contract: ${name}`, () => {
    let store: AlertStore;
    let cleanup: () => void;
    beforeEach(async () => ({ store, cleanup } = await open()));
    afterEach(async () => {
      await store.close();
      cleanup();
    });

    it('keeps rules per tenant, changes and deletes them', async () => {
      const r = rule();
      await store.insertRule(r);
      await store.insertRule(rule({ threshold: null, createdAt: 2000 }));
      expect(await store.getRule(T1, r.id)).toEqual(r);
      expect(await store.getRule(T2, r.id)).toBeNull();
      expect(await store.listRules(T2, WS)).toEqual([]);
      expect((await store.listRules(T1, WS)).map((x) => x.threshold)).toEqual([r.threshold, null]);
      expect(
        await store.updateRule(T1, r.id, { muted: true, armed: false, threshold: null }),
      ).toMatchObject({
        muted: true,
        armed: false,
        threshold: null,
      });
      expect(await store.updateRule(T2, r.id, { muted: false })).toBeNull();
      expect(await store.deleteRule(T2, r.id)).toBe(false);
      expect(await store.deleteRule(T1, r.id)).toBe(true);
      expect(await store.getRule(T1, r.id)).toBeNull();
    });

    it('counts each annotation once per rule, by time', async () => {
      const r = rule();
      await store.insertRule(r);
      const m = { docId: 'd', annotationId: 'a1', title: 'Spike', at: 100 };
      expect(await store.addMatch(T1, r.id, m)).toBe(true);
      expect(await store.addMatch(T1, r.id, { ...m, at: 150 })).toBe(false);
      expect(await store.addMatch(T1, r.id, { ...m, annotationId: 'a2', at: 200 })).toBe(true);
      expect((await store.matchesSince(T1, r.id, 0)).map((x) => x.id)).toEqual(['a1', 'a2']);
      expect((await store.matchesSince(T1, r.id, 101)).map((x) => x.id)).toEqual(['a2']);
      expect(await store.matchesSince(T2, r.id, 0)).toEqual([]);
    });

    it('records firings, newest first, and drops them with the rule', async () => {
      const r = rule();
      await store.insertRule(r);
      const f = (at: number) => ({
        id: newId(),
        ruleId: r.id,
        at,
        count: 3,
        annotations: [{ docId: 'd', id: 'a', title: 't' }],
      });
      const [a, b] = [f(10), f(20)];
      await store.addFiring(T1, a);
      await store.addFiring(T1, b);
      expect(await store.listFirings(T1, r.id, 10)).toEqual([b, a]);
      expect(await store.listFirings(T2, r.id, 10)).toEqual([]);
      await store.deleteRule(T1, r.id);
      expect(await store.listFirings(T1, r.id, 10)).toEqual([]);
    });
  });
}
