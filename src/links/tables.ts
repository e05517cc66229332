import type { Generated } from 'kysely';

/** Table types of migration 0019, merged into the shared `Database` interface. */
declare module '../db/schema.ts' {
  interface Database {
    link_clicks: LinkClickTable;
    link_click_days: LinkClickDayTable;
    link_salts: LinkSaltTable;
  }
}

/** One click on a referral link; the address only as a salted hash. */
export interface LinkClickTable {
  id: Generated<number>;
  workspace_id: string;
  /** The code as the link spelt it (up to 64 characters), known or not. */
  code: string;
  /** Null when the code named nobody. */
  collaborator_id: number | null;
  /** The program whose landing page the click went to; null for the workspace's default. */
  program_id: number | null;
  /** 1 when the code was live (known, unexpired, its collaborator active). */
  valid: number;
  referrer: string | null;
  user_agent: string | null;
  /** HMAC-SHA256 of the client address under the day's salt (ip-hasher.ts), hex. */
  ip_hash: string;
  clicked_at: number;
}

/** Clicks per workspace, UTC day, collaborator (0: none) and program (0: none). */
export interface LinkClickDayTable {
  workspace_id: string;
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  collaborator_id: number;
  program_id: number;
  clicks: number;
  invalid_clicks: number;
}

export interface LinkSaltTable {
  day: string;
  salt: string;
}
