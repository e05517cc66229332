import type { DialectCapabilities } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import { eventBody, eventColumns, eventResourceOf, type PipelineStage } from '../pipeline/index.ts';
import type { DeliveryHandoff } from './delivery-handoff.ts';
import { insertDeliveries, pendingDelivery, type QueuedDelivery } from './outbox-insert.ts';
import { ruleMatches, type RuleCache } from './rule-cache.ts';
import type { ClaimedDelivery } from './tables.ts';

/**
 * The pipeline's forwarding step: for each event and each enabled rule that matches it, one
 * outbox row (a delivery) in the batch transaction, so an event is finished and queued for its
 * destinations together or not at all. Transformations run later, at delivery time, so a slow
 * or broken one never holds up ingestion.
 *
 * Where this process's delivery worker has room in a destination's lane (see delivery-handoff.ts),
 * the rows are written already leased to it and, once the batch commits, handed over with their
 * events in memory: no claim and no read of the events. The others are written `pending`, and
 * the runtime wakes the delivery worker after the commit (the rows are not visible before).
 */
export function createForwardingStage(
  rules: RuleCache,
  options: { dialect: DialectCapabilities; retryBudgetMs: number; handoff?: () => DeliveryHandoff | undefined },
): PipelineStage {
  return {
    name: 'forwarding',
    async run(items, { trx, now, afterTransaction }) {
      const byDestination = new Map<string, { rows: QueuedDelivery[]; events: typeof items }>();
      for (const item of items) {
        const { event } = item;
        for (const rule of await rules.rulesFor(trx, event.workspaceId, now)) {
          if (!ruleMatches(rule, event.type, event.name)) continue;
          let queued = byDestination.get(rule.destinationId);
          if (!queued) byDestination.set(rule.destinationId, (queued = { rows: [], events: [] }));
          queued.rows.push(
            pendingDelivery(
              { workspaceId: event.workspaceId, destinationId: rule.destinationId, ruleId: rule.id, eventId: event.id, transformationId: rule.transformationId },
              now,
              options.retryBudgetMs,
            ),
          );
          queued.events.push(item);
        }
      }
      if (byDestination.size === 0) return;
      const handoff = options.handoff?.();
      const all: QueuedDelivery[] = [];
      // Each event rendered once, however many destinations take it from memory.
      const rendered = new Map<string, Record<string, unknown>>();
      for (const [destinationId, { rows, events }] of byDestination) {
        const lease = handoff?.reserve(destinationId, rows.length);
        if (lease) {
          const requests = leaseRows(rows.slice(0, lease.rows), lease, now);
          const resources = new Map<string, Record<string, unknown>>();
          for (const { event } of events.slice(0, lease.rows)) {
            let resource = rendered.get(event.id);
            if (!resource) rendered.set(event.id, (resource = eventResourceOf(eventColumns(event, now), eventBody(event))));
            resources.set(event.id, resource);
          }
          afterTransaction((committed) => (committed ? lease.accept(requests, resources) : lease.cancel()));
        }
        all.push(...rows);
      }
      await insertDeliveries(trx, options.dialect, all);
    },
  };
}

/**
 * Marks rows as the lease says (`delivering`, held by the worker until the lease ends) and groups
 * them into requests as a claim would: a row alone is its own batch, a batch gets a fresh id.
 */
function leaseRows(rows: QueuedDelivery[], lease: { workerId: string; leaseEndsAt: number; batchSize: number }, now: number): ClaimedDelivery[][] {
  const requests: ClaimedDelivery[][] = [];
  for (let start = 0; start < rows.length; start += lease.batchSize) {
    const chunk = rows.slice(start, start + lease.batchSize);
    const batchId = chunk.length === 1 ? chunk[0]!.id : newId();
    requests.push(
      chunk.map((row) => {
        row.status = 'delivering';
        row.locked_by = lease.workerId;
        row.batch_id = batchId;
        row.available_at = lease.leaseEndsAt;
        row.updated_at = now;
        return {
          id: row.id,
          workspace_id: row.workspace_id,
          event_id: row.event_id,
          transformation_id: row.transformation_id,
          batch_id: batchId,
          attempt_count: 0,
          deadline_at: row.deadline_at,
          payload: null,
        };
      }),
    );
  }
  return requests;
}
