import type { DocDiff } from '@fieldbook/shared';
import { HistoryApi, type VersionSnapshot } from './historyApi';
import type { LocalHistory } from './localHistory';

/** Stands for no server: a local history api never sends a request. */
const NO_SERVER = 'http://offline.invalid';

/**
 * The reading half of HistoryApi answered from this device's history, so the
 * version dialog opens local versions (ids: local seqs) with no server.
 * Writing (name, restore, branch) stays with the server: the panel offers
 * none of it for local entries.
 */
export class LocalHistoryApi extends HistoryApi {
  constructor(
    private readonly local: LocalHistory,
    workspaceId: string,
    docId: string,
  ) {
    super(NO_SERVER, () => null, workspaceId, docId);
  }

  override snapshot(version: string): Promise<VersionSnapshot> {
    return Promise.resolve().then(() => this.local.snapshot(Number(version)));
  }

  override diff(a: string, b: string): Promise<DocDiff> {
    return Promise.resolve().then(() => this.local.diff(Number(a), Number(b)));
  }
}
