import type { DialectCapabilities } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import type { PipelineStage } from '../pipeline/index.ts';
import { insertDeliveries, type QueuedDelivery } from './outbox-insert.ts';
import { ruleMatches, type RuleCache } from './rule-cache.ts';

/**
 * The pipeline's forwarding step: for each event and each enabled rule that matches it, one
 * outbox row (a delivery) in the batch transaction, so an event is finished and queued for its
 * destinations together or not at all. Transformations run later, at delivery time, so a slow
 * or broken one never holds up ingestion. The runtime wakes the delivery workers after the batch
 * commits (waking them here would be too early: the rows are not visible yet).
 */
export function createForwardingStage(
  rules: RuleCache,
  options: { dialect: DialectCapabilities; retryBudgetMs: number },
): PipelineStage {
  return {
    name: 'forwarding',
    async run(items, { trx, now }) {
      const rows: QueuedDelivery[] = [];
      for (const { event } of items) {
        for (const rule of await rules.rulesFor(trx, event.workspaceId, now)) {
          if (!ruleMatches(rule, event.type, event.name)) continue;
          rows.push({
            id: newId(),
            workspace_id: event.workspaceId,
            destination_id: rule.destinationId,
            rule_id: rule.id,
            event_id: event.id,
            transformation_id: rule.transformationId,
            available_at: now,
            deadline_at: now + options.retryBudgetMs,
            created_at: now,
            updated_at: now,
          });
        }
      }
      if (rows.length > 0) await insertDeliveries(trx, options.dialect, rows);
    },
  };
}
