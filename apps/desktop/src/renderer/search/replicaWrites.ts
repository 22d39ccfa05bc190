/**
 * Local replicas announce each write on a BroadcastChannel, so readers in
 * other contexts — the offline search worker, other tabs of the same profile
 * — can follow changes without polling IndexedDB. Announcements are batched
 * per task: a burst of keystrokes costs one message per database.
 */
export const REPLICA_WRITES_CHANNEL = 'fieldbook:replica-writes';

/** What the channel carries: names of IndexedDB databases just written. */
export interface ReplicaWrites {
  names: string[];
}

let channel: BroadcastChannel | null = null;
const pending = new Set<string>();

/** Announces that the replica database `name` was written (no-op where BroadcastChannel is missing). */
export function announceReplicaWrite(name: string): void {
  if (typeof BroadcastChannel === 'undefined') return;
  if (pending.size === 0) {
    setTimeout(() => {
      channel ??= new BroadcastChannel(REPLICA_WRITES_CHANNEL);
      const message: ReplicaWrites = { names: [...pending] };
      pending.clear();
      channel.postMessage(message);
    }, 0);
  }
  pending.add(name);
}
