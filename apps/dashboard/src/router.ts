/**
 * A minimal router on the History API: the location is an external store, so every component that
 * reads it re-renders on navigate() and on back / forward (popstate). Enough for a few pages; the
 * journeys issue can swap in a library behind the same two functions.
 */
import { useSyncExternalStore } from 'react';

export interface Location {
  pathname: string;
  search: string;
}

const NAVIGATE_EVENT = 'continuity:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

// useSyncExternalStore compares snapshots with Object.is, so hand back one string and split it.
function snapshot(): string {
  return `${window.location.pathname}${window.location.search}`;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot, () => '/');
  const query = href.indexOf('?');
  return query === -1 ? { pathname: href, search: '' } : { pathname: href.slice(0, query), search: href.slice(query) };
}

/** Goes to `url` (path and query) inside the app; `replace` swaps the current history entry instead of adding one. */
export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (url === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}
