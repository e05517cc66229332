/** Inbox statuses that will still change by themselves. */
const IN_FLIGHT = new Set(['received', 'processing']);

/**
 * Seed 004's polling rule for the incoming list: poll every `intervalMs` (5–15 s) while some row
 * is still received or processing, or accepted events are still on their way into the inbox
 * (`pending`), and stop when none is. React Query pauses the interval while the tab is hidden,
 * which covers "while the page is visible".
 */
export function incomingPollInterval(
  page: { data: ReadonlyArray<{ status: string }>; pending?: number } | undefined,
  intervalMs = 5000,
): number | false {
  if (!page) return false;
  const inFlight = (page.pending ?? 0) > 0 || page.data.some((row) => IN_FLIGHT.has(row.status));
  return inFlight ? Math.min(15_000, Math.max(5000, intervalMs)) : false;
}

/** Statuses an operator can send back to the queue. */
export function isRetryable(status: string): boolean {
  return status === 'failed' || status === 'blocked';
}
