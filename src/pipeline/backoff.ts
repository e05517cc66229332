/**
 * Exponential backoff with full jitter, capped: 1 s, 2 s, 4 s … up to `capMs`, each drawn
 * uniformly from [half, full] so failed events from one outage do not all retry at once.
 */
export function backoffDelay(attempt: number, baseMs = 1000, capMs = 3_600_000, random = Math.random): number {
  const full = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + random() * (full / 2));
}
