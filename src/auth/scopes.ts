/** API-key scopes. `admin` implies every other scope. */
export const SCOPES = ['events:write', 'events:read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

export function hasScope(granted: ReadonlySet<Scope>, needed: Scope): boolean {
  return granted.has('admin') || granted.has(needed);
}
