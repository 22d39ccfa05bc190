import type { Peer } from '../appState';
import { initials } from '../session/session';

/** Avatars of the other people in the workspace; those in the open note are ringed. */
export function Presence({
  peers,
  openDocId,
}: {
  peers: readonly Peer[];
  openDocId: string | null;
}) {
  if (peers.length === 0) return null;
  return (
    <ul className="presence" aria-label="People here">
      {peers.map((p) => (
        <li
          key={p.clientId}
          className={`avatar${p.docId && p.docId === openDocId ? ' same-note' : ''}`}
          style={{ backgroundColor: p.color }}
          title={p.docId === openDocId ? `${p.name} (in this note)` : p.name}
        >
          {initials(p.name)}
        </li>
      ))}
    </ul>
  );
}
