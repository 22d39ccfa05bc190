import type { Peer } from '../appState';
import { Avatar, Tooltip } from '../ui';

/** Avatars of the other people in the workspace; those in the open document are ringed. */
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
      {peers.slice(0, 6).map((p) => {
        const here = p.docId !== null && p.docId === openDocId;
        const label = here ? `${p.name} (in this document)` : p.name;
        return (
          <li key={p.clientId}>
            <Tooltip content={label}>
              <span tabIndex={0} role="img" className="presence__item" aria-label={label}>
                <Avatar name={p.name} color={p.color} size={24} ring={here} />
              </span>
            </Tooltip>
          </li>
        );
      })}
    </ul>
  );
}
