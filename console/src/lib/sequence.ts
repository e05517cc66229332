/** Seed 002's stages, in the order a standard sale passes through them. */
export const STAGES = ['opportunity', 'engagement', 'transaction', 'conversion', 'obligation', 'fulfillment', 'other'] as const;
export type Stage = (typeof STAGES)[number];

const PREFIXES: Array<[RegExp, Stage]> = [
  [/^(Opportunity|CouponApplied|LeadTriggered)/, 'opportunity'],
  [/^Engagement/, 'engagement'],
  [/^(Sale|Transaction|Refund|Renewal)/, 'transaction'],
  [/^(Conversion|ProgramGroup)/, 'conversion'],
  [/^Obligation/, 'obligation'],
  [/^(Fulfillment|Payout)/, 'fulfillment'],
];

/** Which stage of the pipeline a domain event belongs to, for its lane in the sequence drawing. */
export function stageOf(name: string): Stage {
  return PREFIXES.find(([pattern]) => pattern.test(name))?.[1] ?? 'other';
}

/** The inbound events of a log page, newest first, each once, with how many domain events it had. */
export function inboundEvents(rows: ReadonlyArray<{ inbound_event_id: string; name: string; created_at: string }>): Array<{ id: string; first: string; count: number; at: string }> {
  const seen = new Map<string, { id: string; first: string; count: number; at: string }>();
  for (const row of rows) {
    const entry = seen.get(row.inbound_event_id);
    if (entry) {
      entry.count += 1;
      // Rows are newest first: the last one met is the flow's first event.
      entry.first = row.name;
    } else {
      seen.set(row.inbound_event_id, { id: row.inbound_event_id, first: row.name, count: 1, at: row.created_at });
    }
  }
  return [...seen.values()];
}
