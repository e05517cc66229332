import type { Db } from '../../db/index.ts';
import { isoOrNull } from '../../lib/time.ts';
import type { OpportunityRow } from '../model/tables.ts';

/**
 * What a partner sees of a visit they referred (an opportunity): when, how, where it landed and
 * whether it converted. Not the visitor's email or user id, which are the shop's customers' data,
 * and not the landing URL's query or fragment, which can carry a customer's details or tokens.
 */
export function toPartnerVisit(row: OpportunityRow, converted: boolean) {
  return {
    id: row.id,
    visited_at: isoOrNull(row.created_at),
    origin: row.origin,
    landing_page: landingPage(row.landing_url),
    status: row.status,
    expires_at: isoOrNull(row.expires_at),
    converted,
  };
}

function landingPage(url: string | null): string | null {
  if (url === null || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * Which of these visits converted: an engagement of theirs was `completed` (it awarded a
 * conversion). Read through the engagements' opportunity index, one query per page.
 */
export async function convertedVisits(db: Db, workspaceId: string, opportunityIds: number[]): Promise<Set<number>> {
  if (opportunityIds.length === 0) return new Set();
  const rows = await db.kysely
    .selectFrom('engagements')
    .select('opportunity_id')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('opportunity_id', 'in', opportunityIds)
    .where('status', '=', 'completed')
    .execute();
  return new Set(rows.map((row) => row.opportunity_id));
}
