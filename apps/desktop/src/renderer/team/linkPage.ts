import { useEffect, useState } from 'react';

/** The pages a link opens before the shell: `#/invitation/<token>` and `#/password-reset/<token>`. */
export type LinkPage = 'invitation' | 'password-reset';

const LINK = /^#\/(invitation|password-reset)\/([^/]+)$/;

/** The page and token of a link's hash, or null. */
export function linkPageOf(hash: string): { page: LinkPage; token: string } | null {
  const match = LINK.exec(hash);
  if (!match) return null;
  try {
    return { page: match[1] as LinkPage, token: decodeURIComponent(match[2]!) };
  } catch {
    return null;
  }
}

/**
 * The link page the app was opened with (or navigated to), kept until that
 * page is done with it even if the hash moves on meanwhile; `finish` drops it
 * and clears the link from the address bar.
 */
export function useLinkPage(): [
  link: { page: LinkPage; token: string } | null,
  finish: () => void,
] {
  const [link, setLink] = useState(() => linkPageOf(window.location.hash));
  useEffect(() => {
    const follow = () => {
      const next = linkPageOf(window.location.hash);
      if (next) setLink(next);
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  const finish = () => {
    if (linkPageOf(window.location.hash)) {
      history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    setLink(null);
  };
  return [link, finish];
}
