import { chunkRows, type DialectCapabilities } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import type { PipelineStage } from '../pipeline/index.ts';
import { ruleMatches, type RuleCache } from './rule-cache.ts';
import type { DeliveryTable } from './tables.ts';

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
      const rows: DeliveryTable[] = [];
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
            status: 'pending',
            batch_id: null,
            available_at: now,
            locked_by: null,
            attempt_count: 0,
            deadline_at: now + options.retryBudgetMs,
            last_status_code: null,
            last_error: null,
            created_at: now,
            updated_at: now,
            delivered_at: null,
          });
        }
      }
      if (rows.length === 0) return;
      for (const chunk of chunkRows(rows, options.dialect)) await trx.insertInto('deliveries').values(chunk).execute();
    },
  };
}
