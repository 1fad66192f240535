/**
 * A minimal router on the History API: the location is an external store, so every component that
 * reads it re-renders on navigate() and on back / forward (popstate). Enough for a few pages; the
 * journeys issue can swap in a library behind the same two functions.
 */
import { useMemo, useSyncExternalStore } from 'react';

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

/**
 * A page's view kept in the URL's query string (so every view can be linked to): read from the URL,
 * and shown by going to the URL of another (a new history entry: back returns to the previous view).
 */
export function useUrlView<V>(
  parse: (search: string) => V,
  serialise: (view: V) => string,
): { view: V; show: (next: V) => void } {
  const { pathname, search } = useLocation();
  const view = useMemo(() => parse(search), [parse, search]);
  const show = (next: V) => navigate(`${pathname}${serialise(next)}`);
  return { view, show };
}
