import type { Generated, Selectable } from 'kysely';

/**
 * Table of migration 0009, merged into the shared `Database`. A subscription's URL, enabled flag
 * (its `status`) and encrypted signing secret live in the forwarding destination it owns, so one
 * place holds them and forwarding's workers read them as they read any destination.
 */
declare module '../../db/schema.ts' {
  interface Database {
    siren_webhooks: SirenWebhookTable;
  }
}

export interface SirenWebhookTable {
  id: Generated<number>;
  workspace_id: string;
  /** The forwarding destination (signature scheme `siren`) that delivers this subscription. */
  destination_id: string;
  /** JSON array of Siren event types, or `["*"]`. */
  events: string;
  description: string | null;
  created_at: number;
}
export type SirenWebhookRow = Selectable<SirenWebhookTable>;
