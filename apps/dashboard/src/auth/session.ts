/**
 * Who is signed in: the gateway's token and the demo user it was issued for, kept in sessionStorage
 * (one browser tab; gone when the tab closes), and readable by React as an external store.
 * The token goes on every GraphQL request (graphql/client.ts) as `Authorization: Bearer <token>`.
 */
import { useSyncExternalStore } from 'react';
import { sessionCommitPositions } from '../graphql/commitPosition';

export type Role = 'policy' | 'council' | 'practice' | 'admin';

interface Organisation {
  /** department, council or practice. */
  kind: string;
  /** 'dfe', a council's DfE code or a practice id. */
  id: string;
  /** A readable name when the gateway gives one. */
  name: string | null;
}

/** A demo user as `GET /auth/demo-users` lists it, read tolerantly (see parseDemoUsers). */
export interface DemoUser {
  id: string;
  name: string;
  role: Role | string;
  organisation: Organisation | null;
  /** The heading the gateway gives the user (e.g. "Council: Kent (886)"), if any. */
  title: string | null;
  description: string;
}

export interface Session {
  token: string;
  user: DemoUser;
  /** When the token stops working (ms since epoch), read from its `exp` claim; null if it has none. */
  expiresAt: number | null;
}

const STORAGE_KEY = 'continuity.session';
const CHANGE_EVENT = 'continuity:session';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function readOrganisation(raw: unknown): Organisation | null {
  if (typeof raw === 'string' && raw !== '') return { kind: 'organisation', id: raw, name: raw };
  if (!raw || typeof raw !== 'object') return null;
  const o = raw as Record<string, unknown>;
  const id = text(o.id) ?? text(o.code);
  const kind = text(o.kind) ?? text(o.type) ?? 'organisation';
  if (!id) return null;
  return { kind, id, name: text(o.name) };
}

/**
 * The demo users from the gateway's answer: an array, or `{ users: [...] }`. Each needs an id and a
 * name; a `viewer` wrapper (as in packages/access) is unwrapped. Anything unreadable is skipped.
 */
export function parseDemoUsers(body: unknown): DemoUser[] {
  const list: unknown[] = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { users?: unknown }).users)
      ? (body as { users: unknown[] }).users
      : [];
  const users: DemoUser[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const outer = item as Record<string, unknown>;
    const inner = outer.viewer && typeof outer.viewer === 'object' ? (outer.viewer as Record<string, unknown>) : outer;
    const id = text(inner.id) ?? text(inner.userId) ?? text(outer.id);
    const name = text(inner.name) ?? text(outer.name);
    if (!id || !name) continue;
    users.push({
      id,
      name,
      role: text(inner.role) ?? text(outer.role) ?? 'unknown',
      organisation: readOrganisation(inner.organisation ?? outer.organisation),
      title: text(outer.title),
      description: text(outer.description) ?? text(inner.description) ?? '',
    });
  }
  return users;
}

/** The `exp` claim of a JWT, in ms; null when the token is not a readable JWT or has none. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const base64 = payload
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const claims = JSON.parse(atob(base64)) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : null;
  } catch {
    return null;
  }
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

let cachedRaw: string | null | undefined;
let cachedSession: Session | null = null;

/** The current session, or null when nobody is signed in or the token has expired. */
function currentSession(now: number = Date.now()): Session | null {
  const raw = storage()?.getItem(STORAGE_KEY) ?? null;
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedSession = null;
    if (raw) {
      try {
        const parsed = JSON.parse(raw) as Session;
        if (typeof parsed.token === 'string' && parsed.user && typeof parsed.user.id === 'string')
          cachedSession = parsed;
      } catch {
        cachedSession = null;
      }
    }
  }
  if (cachedSession && cachedSession.expiresAt !== null && cachedSession.expiresAt <= now) return null;
  return cachedSession;
}

export function currentToken(): string | null {
  return currentSession()?.token ?? null;
}

function changed(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function signIn(token: string, user: DemoUser): Session {
  const session: Session = { token, user, expiresAt: tokenExpiry(token) };
  // A commit position is the signed-in user's own (read-your-writes): a new sign-in starts without one.
  sessionCommitPositions.forget();
  storage()?.setItem(STORAGE_KEY, JSON.stringify(session));
  changed();
  return session;
}

export function signOut(): void {
  sessionCommitPositions.forget();
  storage()?.removeItem(STORAGE_KEY);
  changed();
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGE_EVENT, onChange);
  // Another tab signing out does not touch this tab's sessionStorage, so `storage` events are not needed.
  return () => window.removeEventListener(CHANGE_EVENT, onChange);
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    subscribe,
    () => currentSession(),
    () => null,
  );
}

/** What each role is called on screen. */
export function roleLabel(role: string): string {
  switch (role) {
    case 'policy':
      return 'Policy';
    case 'council':
      return 'Council';
    case 'practice':
      return 'Practice';
    case 'admin':
      return 'Administrator';
    default:
      return role;
  }
}
