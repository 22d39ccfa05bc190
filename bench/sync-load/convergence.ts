/**
 * Convergence check of one benchmark run: every replica of a document holds the same content,
 * holds every edit, got every remote edit exactly once, and a fresh replica synced from the
 * server afterwards holds the same content too (the server kept everything; skipped for a
 * server that keeps no documents).
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ClientOutcome, Endpoint } from './protocol';
import { contentHash, entryCount } from './sim-client';

export interface Convergence {
  converged: boolean;
  docsDiverged: number;
  clientsMissingEdits: number;
  duplicateArrivals: number;
  serverReplicasMismatched: number;
  /** The first few problems, in words. */
  problems: string[];
}

/** A replica's content as the server sends it to a newly connecting client. */
export interface ServerReplica {
  docId: string;
  contentHash: string;
  entries: number;
}

/** Syncs one fresh client per document from the server and hashes what it receives. */
export async function fetchServerReplicas(
  endpoint: Endpoint,
  docIds: string[],
  timeoutMs: number,
): Promise<ServerReplica[]> {
  return Promise.all(
    docIds.map(async (docId) => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(endpoint.serverUrl, docId, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        protocols: endpoint.protocols,
        disableBc: true,
      });
      try {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`verifier for ${docId} not synced in ${timeoutMs} ms`)),
            timeoutMs,
          );
          provider.on('sync', (synced: boolean) => {
            if (!synced) return;
            clearTimeout(timer);
            resolve();
          });
        });
        return { docId, contentHash: contentHash(doc), entries: entryCount(doc) };
      } finally {
        provider.destroy();
        doc.destroy();
      }
    }),
  );
}

/** Checks the outcomes of all clients and the server replicas against the workload. */
export function checkConvergence(
  outcomes: ClientOutcome[],
  /** null for a server that keeps no documents (the relay floor). */
  serverReplicas: ServerReplica[] | null,
  workload: { clientsPerDoc: number; editsPerClient: number; warmupEditsPerClient: number },
): Convergence {
  const editsPerClient = workload.editsPerClient + workload.warmupEditsPerClient;
  const expectedEntries = workload.clientsPerDoc * editsPerClient;
  const expectedRemote = (workload.clientsPerDoc - 1) * editsPerClient;
  const problems: string[] = [];
  const note = (problem: string): void => {
    if (problems.length < 10) problems.push(problem);
  };
  const byDoc = new Map<string, ClientOutcome[]>();
  let clientsMissingEdits = 0;
  let duplicateArrivals = 0;
  for (const outcome of outcomes) {
    byDoc.set(outcome.docId, [...(byDoc.get(outcome.docId) ?? []), outcome]);
    duplicateArrivals += outcome.duplicateArrivals;
    if (outcome.remoteEditsReceived !== expectedRemote || outcome.entries !== expectedEntries) {
      clientsMissingEdits++;
      note(
        `${outcome.clientKey}: ${outcome.remoteEditsReceived}/${expectedRemote} remote edits, ` +
          `${outcome.entries}/${expectedEntries} entries`,
      );
    }
  }
  let docsDiverged = 0;
  for (const [docId, replicas] of byDoc) {
    const hashes = new Set(replicas.map((r) => r.contentHash));
    if (hashes.size !== 1) {
      docsDiverged++;
      note(`doc ${docId}: ${hashes.size} different contents among ${replicas.length} replicas`);
    }
  }
  let serverReplicasMismatched = 0;
  for (const server of serverReplicas ?? []) {
    const client = byDoc.get(server.docId)?.[0];
    if (!client || client.contentHash !== server.contentHash) {
      serverReplicasMismatched++;
      note(`doc ${server.docId}: server replica (${server.entries} entries) differs from clients`);
    }
  }
  if (duplicateArrivals > 0) note(`${duplicateArrivals} edits arrived more than once`);
  return {
    converged:
      docsDiverged === 0 &&
      clientsMissingEdits === 0 &&
      duplicateArrivals === 0 &&
      serverReplicasMismatched === 0 &&
      (serverReplicas === null || serverReplicas.length === byDoc.size),
    docsDiverged,
    clientsMissingEdits,
    duplicateArrivals,
    serverReplicasMismatched,
    problems,
  };
}
