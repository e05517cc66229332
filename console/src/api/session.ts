/**
 * The signed-in credential. Kept in sessionStorage (gone when the tab closes) and never put in a
 * URL, except the live stream's `access_token`, which `EventSource` leaves no other way to send.
 */
export interface Session {
  readonly token: string;
  /** The workspace picked; empty until one is. */
  readonly workspaceId: string;
}

const KEY = 'tributary.session';

/** Reads the session of this tab, if any. */
export function readSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<Session>;
    return typeof parsed.token === 'string' && parsed.token ? { token: parsed.token, workspaceId: parsed.workspaceId ?? '' } : null;
  } catch {
    return null;
  }
}

/** Stores the session for this tab. */
export function writeSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

/** Forgets the credential. */
export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
