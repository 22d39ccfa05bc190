import { useEffect, useState } from 'react';

const LINK = /^#\/invitation\/([^/]+)$/;

/** The invitation token of a link's hash (#/invitation/<token>), or null. */
export function invitationTokenOf(hash: string): string | null {
  const match = LINK.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/**
 * The invitation the page was opened with (or navigated to), kept until the
 * Accept page is done with it even if the hash moves on meanwhile; `finish`
 * drops it and clears the link from the address bar.
 */
export function useInvitationLink(): [token: string | null, finish: () => void] {
  const [token, setToken] = useState(() => invitationTokenOf(window.location.hash));
  useEffect(() => {
    const follow = () => {
      const next = invitationTokenOf(window.location.hash);
      if (next) setToken(next);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const finish = () => {
    if (invitationTokenOf(window.location.hash)) {
      history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    setToken(null);
  };
  return [token, finish];
}
