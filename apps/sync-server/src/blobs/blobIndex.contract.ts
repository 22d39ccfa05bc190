import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobIndex, BlobRef } from './blobIndex';

const ref = (over: Partial<BlobRef>): BlobRef => ({
  tenantId: 't1',
  workspaceId: 'w1',
  sha256: 'a'.repeat(64),
  size: 100,
  mimeType: 'text/plain',
  createdBy: 'u1',
  createdAt: 1_760_000_000_000,
  ...over,
});

/** The behaviour every BlobIndex must show; run it on each implementation. */
export function blobIndexContract(
  name: string,
  open: () => Promise<{ index: BlobIndex; cleanup(): Promise<void> }>,
) {
  describe(`BlobIndex contract: ${name}`, () => {
    let index: BlobIndex;
    let cleanup: () => Promise<void>;
    beforeEach(async () => ({ index, cleanup } = await open()));
    afterEach(async () => {
      await index.close();
      await cleanup();
    });

    it('adds a reference once per workspace and finds it only in its tenant and workspace', async () => {
      expect(await index.add(ref({}))).toBe(true);
      expect(await index.add(ref({ createdBy: 'u2' }))).toBe(false);
      expect(await index.find('t1', 'w1', 'a'.repeat(64))).toEqual(ref({}));
      expect(await index.find('t2', 'w1', 'a'.repeat(64))).toBeNull();
      expect(await index.find('t1', 'w2', 'a'.repeat(64))).toBeNull();
    });

    it('counts each distinct blob of a tenant once and lists a workspace by hash', async () => {
      await index.add(ref({ sha256: 'b'.repeat(64), size: 5_000_000_000 }));
      await index.add(ref({ workspaceId: 'w2', sha256: 'b'.repeat(64), size: 5_000_000_000 }));
      await index.add(ref({}));
      await index.add(ref({ tenantId: 't2', workspaceId: 'w9', size: 7 }));
      expect(await index.tenantUsage('t1')).toBe(5_000_000_100);
      expect(await index.tenantUsage('t3')).toBe(0);
      expect(await index.tenantHas('t1', 'b'.repeat(64))).toBe(true);
      expect(await index.tenantHas('t2', 'b'.repeat(64))).toBe(false);
      expect((await index.listWorkspace('t1', 'w1')).map((r) => r.sha256)).toEqual([
        'a'.repeat(64),
        'b'.repeat(64),
      ]);
    });
  });
}
