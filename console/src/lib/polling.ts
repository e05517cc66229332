/** Inbox statuses that will still change by themselves. */
const IN_FLIGHT = new Set(['received', 'processing']);

/**
 * Seed 004's polling rule for the incoming list: poll every `intervalMs` (5–15 s) while some row
 * is still received or processing, and stop when none is. React Query pauses the interval while
 * the tab is hidden, which covers "while the page is visible".
 */
export function incomingPollInterval(rows: ReadonlyArray<{ status: string }> | undefined, intervalMs = 5000): number | false {
  if (!rows) return false;
  return rows.some((row) => IN_FLIGHT.has(row.status)) ? Math.min(15_000, Math.max(5000, intervalMs)) : false;
}

/** Statuses an operator can send back to the queue. */
export function isRetryable(status: string): boolean {
  return status === 'failed' || status === 'blocked';
}
