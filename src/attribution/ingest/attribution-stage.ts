import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { CanonicalEvent, PipelineItem, PipelineStage } from '../../pipeline/index.ts';
import { applyMapping, mappingSource, type FieldMapping } from '../bindings/mapping.ts';
import type { AttributionEngine } from '../engine.ts';
import { ok, refused, type FlowResult } from '../flows/flow-context.ts';
import { DuplicateSale } from '../flows/sale.ts';
import { PreparedQuery } from '../model/prepared-query.ts';
import { ProgramCache } from '../model/program-cache.ts';
import type { DomainOutcomeRow, EventBindingRow } from '../model/tables.ts';

type Json = Record<string, unknown>;

/** The slug, body and opportunity hint of an event that enters attribution. */
interface Inbound {
  slug: string;
  body: Json;
  opportunityId: number | null;
  bindingId: number | null;
}

/** Domain events carry their slug as the name, their body as properties, the hint in `context.siren`. */
function fromDomainEvent(event: CanonicalEvent): Inbound {
  const siren = event.context.siren as { opportunityId?: unknown } | undefined;
  const hint = siren?.opportunityId;
  return { slug: event.name ?? '', body: event.properties, opportunityId: typeof hint === 'number' ? hint : null, bindingId: null };
}

async function loadBindings(trx: Kysely<Database>, items: PipelineItem[]): Promise<Map<string, EventBindingRow>> {
  const workspaces = [...new Set(items.filter((item) => item.event.api !== 'domain').map((item) => item.event.workspaceId))];
  const byEvent = new Map<string, EventBindingRow>();
  if (workspaces.length === 0) return byEvent;
  const rows = await trx.selectFrom('event_bindings').selectAll().where('workspace_id', 'in', workspaces).where('enabled', '=', 1).execute();
  for (const row of rows) byEvent.set(`${row.workspace_id}\u0000${row.event_type}\u0000${row.event_name}`, row);
  return byEvent;
}

/** Insert, or replace the outcome of an earlier attempt of the same inbox row. */
const outcomeUpsert = new PreparedQuery((db, p: Omit<DomainOutcomeRow, 'inbox_id'> & { inbox_id: string }) => {
  const values = {
    workspace_id: p.workspace_id,
    http_status: p.http_status,
    opportunity_id: p.opportunity_id,
    error_code: p.error_code,
    error_message: p.error_message,
    error_fields: p.error_fields,
    created_at: p.created_at,
  };
  return db
    .insertInto('domain_outcomes')
    .values({ inbox_id: p.inbox_id, ...values })
    .onConflict((oc) => oc.column('inbox_id').doUpdateSet(values));
});

async function saveOutcome(trx: Kysely<Database>, event: CanonicalEvent, result: FlowResult, now: number): Promise<void> {
  await outcomeUpsert.run(trx, {
    inbox_id: event.id,
    workspace_id: event.workspaceId,
    http_status: result.status,
    opportunity_id: result.opportunityId,
    error_code: result.error?.code ?? null,
    error_message: result.error?.message ?? null,
    error_fields: result.error?.fields ? JSON.stringify(result.error.fields) : null,
    created_at: now,
  });
}

/**
 * The attribution stage of the pipeline. Every `domain` inbox event (from `/event/{slug}`), and
 * every canonical event a workspace binding maps to a slug, runs its flow inside the worker's
 * transaction, behind a savepoint: a refused event (404 refund, 4xx from a binding) leaves no
 * half-written rows but keeps its outcome, and a flow that throws fails the batch, which the
 * worker then retries row by row, so only that event is marked failed and retried later. The
 * outcome row is what the waiting `/event/{slug}` request answers with.
 */
export function attributionStage(engine: AttributionEngine, onOutcome: (slug: string, status: number) => void = () => {}): PipelineStage {
  return {
    name: 'attribution',
    async run(items, { trx, now, afterTransaction }) {
      const bindings = await loadBindings(trx, items);
      const programs = new ProgramCache();
      for (const item of items) {
        const { event } = item;
        let inbound: Inbound;
        if (event.api === 'domain') {
          inbound = fromDomainEvent(event);
        } else {
          const binding = bindings.get(`${event.workspaceId}\u0000${event.type}\u0000${event.name ?? ''}`);
          if (!binding) continue;
          inbound = { slug: binding.slug, body: applyMapping(mappingSource(event), JSON.parse(binding.mapping) as FieldMapping), opportunityId: null, bindingId: binding.id };
        }
        const result = await runGuarded(engine, trx, event, inbound, now, programs);
        // Counted when the batch commits: a rolled-back batch runs its flows again.
        const slug = inbound.slug;
        afterTransaction((committed) => {
          if (committed) onOutcome(slug, result.status);
        });
        if (inbound.bindingId !== null) item.notes.attribution = { bindingId: inbound.bindingId, slug: inbound.slug, status: result.status, error: result.error };
        await saveOutcome(trx, event, result, now);
      }
    },
  };
}

const SAVEPOINT = CompiledQuery.raw('savepoint attribution_flow');
const ROLLBACK = CompiledQuery.raw('rollback to savepoint attribution_flow');
const RELEASE = CompiledQuery.raw('release savepoint attribution_flow');

async function runGuarded(engine: AttributionEngine, trx: Kysely<Database>, event: CanonicalEvent, inbound: Inbound, now: number, programs: ProgramCache): Promise<FlowResult> {
  if (inbound.bindingId !== null && engine.registry.get(inbound.slug)) {
    const errors = engine.registry.validate(inbound.slug, inbound.body);
    if (errors.length > 0) return refused('validation_failed', `The binding's mapping built an invalid ${inbound.slug} body.`, null, errors);
  }
  const rollback = async () => {
    await trx.executeQuery(ROLLBACK);
    // What the flow read after its own writes is gone with them.
    programs.clear();
  };
  await trx.executeQuery(SAVEPOINT);
  let result: FlowResult;
  try {
    result = await engine.run(
      trx,
      {
        workspaceId: event.workspaceId,
        inboundEventId: event.id,
        slug: inbound.slug,
        body: inbound.body,
        hints: { opportunityId: inbound.opportunityId, clientIp: typeof event.context.ip === 'string' ? event.context.ip : null },
        now,
      },
      programs,
    );
  } catch (error) {
    await rollback();
    if (!(error instanceof DuplicateSale)) throw error;
    result = ok(error.existing.opportunity_id);
  }
  if (result.status >= 400) await rollback();
  await trx.executeQuery(RELEASE);
  return result;
}
