import type { TestServer } from '../../support/harness.ts';

/**
 * Writes model rows straight through Kysely, as the engine would leave them after a sale, so the
 * admin API and Siren's readers can be tested on their own. End-to-end tests go through /event/sale.
 */
export async function seedProgram(server: TestServer, workspaceId: string, name = 'Partners'): Promise<number> {
  const now = Date.now();
  const row = await server.runtime.services.db.kysely
    .insertInto('attribution_programs')
    .values({
      workspace_id: workspaceId,
      name,
      status: 'active',
      incentive_type: 'percent',
      incentive_bps: 1000,
      incentive_amounts: null,
      lead_amount: null,
      lead_currency: null,
      attribution_window_days: 30,
      attribution_model: 'last_touch',
      engagement_trigger: 'any',
      approval: 'manual',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function seedCollaborator(server: TestServer, workspaceId: string, name = 'Ada'): Promise<number> {
  const now = Date.now();
  const row = await server.runtime.services.db.kysely
    .insertInto('collaborators')
    .values({ workspace_id: workspaceId, name, email: null, user_id: null, status: 'active', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface SeededSale {
  opportunityId: number;
  engagementId: number;
  transactionId: number;
  conversionId: number;
  obligationId: number;
}

/**
 * One attributed sale: opportunity → engagement → transaction → conversion (pending) → obligation
 * (draft), with 10 % of `total` as the commission.
 */
export async function seedSale(
  server: TestServer,
  workspaceId: string,
  input: { programId: number; collaboratorId: number; externalId: string; total: number; currency?: string; transactionStatus?: 'pending' | 'complete' },
): Promise<SeededSale> {
  const db = server.runtime.services.db.kysely;
  const now = Date.now();
  const currency = input.currency ?? 'USD';
  const opportunity = await db
    .insertInto('opportunities')
    .values({
      workspace_id: workspaceId,
      collaborator_id: input.collaboratorId,
      status: 'active',
      origin: 'referral',
      user_id: null,
      email: null,
      landing_url: null,
      coupon_id: null,
      inbound_event_id: null,
      created_at: now,
      expires_at: now + 30 * 86_400_000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const engagement = await db
    .insertInto('engagements')
    .values({
      workspace_id: workspaceId,
      opportunity_id: opportunity.id,
      program_id: input.programId,
      collaborator_id: input.collaboratorId,
      status: 'completed',
      created_at: now,
      expires_at: now + 30 * 86_400_000,
      completed_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const transaction = await db
    .insertInto('attribution_transactions')
    .values({
      workspace_id: workspaceId,
      source: 'stripe',
      external_id: input.externalId,
      opportunity_id: opportunity.id,
      status: input.transactionStatus ?? 'complete',
      total: input.total,
      refunded_total: 0,
      currency,
      items: JSON.stringify([{ externalId: null, name: 'Plan', quantity: 1, amount: input.total }]),
      user_id: null,
      email: null,
      coupon_code: null,
      inbound_event_id: `seed-${input.externalId}`,
      created_at: now,
      completed_at: input.transactionStatus === 'pending' ? null : now,
      refunded_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const amount = Math.round(input.total / 10);
  const conversion = await db
    .insertInto('conversions')
    .values({
      workspace_id: workspaceId,
      kind: 'sale',
      program_id: input.programId,
      collaborator_id: input.collaboratorId,
      opportunity_id: opportunity.id,
      engagement_id: engagement.id,
      transaction_id: transaction.id,
      award_key: `tx:${transaction.id}`,
      status: 'pending',
      amount,
      currency,
      created_at: now,
      reviewed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const obligation = await db
    .insertInto('obligations')
    .values({
      workspace_id: workspaceId,
      conversion_id: conversion.id,
      collaborator_id: input.collaboratorId,
      kind: 'commission',
      status: 'draft',
      amount,
      original_amount: amount,
      currency,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return {
    opportunityId: opportunity.id,
    engagementId: engagement.id,
    transactionId: transaction.id,
    conversionId: conversion.id,
    obligationId: obligation.id,
  };
}
