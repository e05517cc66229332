import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { AppError, type FieldError } from '../errors/index.ts';
import { utcDay } from './address-hasher.ts';

const DAY_MS = 86_400_000;
/** Longest range one answer covers: a year of days, leap year included. */
export const MAX_RANGE_DAYS = 366;
/** The range when none is given: the last 30 days, today included (Rewardful's and Dub's default view). */
const DEFAULT_RANGE_DAYS = 30;

/** An inclusive range of UTC days. */
export interface DayRange {
  readonly from: string;
  readonly to: string;
}

function dayOf(value: unknown, field: string, errors: FieldError[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || utcDay(Date.parse(`${value}T00:00:00Z`)) !== value) {
    errors.push({ field, message: 'must be a date such as 2026-12-07 (UTC)' });
    return undefined;
  }
  return value;
}

/** `from` and `to` (`YYYY-MM-DD`, both included); 400 with every bad field. */
export function readDayRange(query: Record<string, unknown>, now: number): DayRange {
  const errors: FieldError[] = [];
  const given = { from: dayOf(query.from, 'from', errors), to: dayOf(query.to, 'to', errors) };
  if (errors.length > 0) throw AppError.validation(errors, 'The query has invalid parameters.');
  const to = given.to ?? utcDay(now);
  const from = given.from ?? utcDay(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_RANGE_DAYS - 1) * DAY_MS);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1) throw AppError.validation([{ field: 'from', message: 'must not be after to' }], 'The query has invalid parameters.');
  if (days > MAX_RANGE_DAYS) throw AppError.validation([{ field: 'from', message: `the range may cover at most ${MAX_RANGE_DAYS} days` }], 'The query has invalid parameters.');
  return { from, to };
}

interface Counts {
  clicks: number;
  invalid_clicks: number;
}

/** What `…/clicks` answers: totals, every day of the range (zeros included), and the breakdowns. */
export interface ClickReport extends Counts {
  from: string;
  to: string;
  days: Array<{ day: string } & Counts>;
  by_collaborator: Array<{ collaborator_id: number | null } & Counts>;
  by_program: Array<{ program_id: number | null } & Counts>;
}

/**
 * Clicks of a workspace over a range, from the day counts (never the click rows), optionally
 * for one collaborator or one program. Collaborator or program 0 in the counts is "none" and
 * answers as null (an unknown code; a click that went to the workspace's default page).
 */
export async function clickReport(db: Kysely<Database>, workspaceId: string, range: DayRange, filter: { collaboratorId?: number; programId?: number }): Promise<ClickReport> {
  let query = db
    .selectFrom('link_click_days')
    .select(['day', 'collaborator_id', 'program_id', 'clicks', 'invalid_clicks'])
    .where('workspace_id', '=', workspaceId)
    .where('day', '>=', range.from)
    .where('day', '<=', range.to);
  if (filter.collaboratorId !== undefined) query = query.where('collaborator_id', '=', filter.collaboratorId);
  if (filter.programId !== undefined) query = query.where('program_id', '=', filter.programId);
  const rows = await query.execute();
  const days = new Map<string, { day: string } & Counts>();
  for (let t = Date.parse(`${range.from}T00:00:00Z`); utcDay(t) <= range.to; t += DAY_MS) days.set(utcDay(t), { day: utcDay(t), clicks: 0, invalid_clicks: 0 });
  const collaborators = new Map<number, Counts>();
  const programs = new Map<number, Counts>();
  const total: Counts = { clicks: 0, invalid_clicks: 0 };
  const add = (into: Counts, row: Counts) => {
    into.clicks += Number(row.clicks);
    into.invalid_clicks += Number(row.invalid_clicks);
  };
  for (const row of rows) {
    add(total, row);
    add(days.get(row.day)!, row);
    if (!collaborators.has(row.collaborator_id)) collaborators.set(row.collaborator_id, { clicks: 0, invalid_clicks: 0 });
    add(collaborators.get(row.collaborator_id)!, row);
    if (!programs.has(row.program_id)) programs.set(row.program_id, { clicks: 0, invalid_clicks: 0 });
    add(programs.get(row.program_id)!, row);
  }
  const byId = (a: [number, Counts], b: [number, Counts]) => a[0] - b[0];
  return {
    from: range.from,
    to: range.to,
    ...total,
    days: [...days.values()],
    by_collaborator: [...collaborators].sort(byId).map(([id, counts]) => ({ collaborator_id: id === 0 ? null : id, ...counts })),
    by_program: [...programs].sort(byId).map(([id, counts]) => ({ program_id: id === 0 ? null : id, ...counts })),
  };
}
