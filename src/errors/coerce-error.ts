/**
 * Turns anything thrown into an Error, keeping the original as `cause`. Workers and boundaries
 * call this so a `throw 'string'` or `throw null` from user code never crashes a loop.
 */
export function coerceError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  let message: string;
  try {
    message = typeof thrown === 'string' ? thrown : JSON.stringify(thrown) ?? String(thrown);
  } catch {
    message = String(thrown);
  }
  return new Error(`Non-error thrown: ${message}`, { cause: thrown });
}
