import { PROGRAM_DEFAULTS, programColumns } from '../api/program-input.ts';
import type { RecipeBundle } from '../bus/domain-event-map.ts';
import type { FlowContext } from '../flows/flow-context.ts';
import { canonicalGroupStrategy } from '../model/group-strategies.ts';
import type { ProgramRow } from '../model/tables.ts';
import { readSettings } from '../ingest/settings.ts';
import { readRecipePrograms, readRecipeRequest, type RecipeProgram } from './recipe-input.ts';

/** One object a recipe touches and what applying it does (or, in a dry run, would do). */
export interface RecipeChange {
  kind: 'group' | 'program' | 'lesson_incentive' | 'settings';
  name: string;
  action: 'create' | 'update' | 'delete' | 'unchanged';
  /** The object's id: null for one a dry run would create. */
  id: number | null;
  /** Changed fields → the new value (updates only). */
  changes?: Record<string, unknown>;
}

export interface RecipeRequest {
  name: string | null;
  dryRun: boolean;
  bundle: RecipeBundle;
}

/** Thrown at the end of a dry run so the transaction rolls back everything it did. */
export class RecipeDryRun extends Error {
  constructor(readonly changes: RecipeChange[]) {
    super('recipe dry run');
  }
}

function differences(row: Record<string, unknown>, columns: Record<string, unknown>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(columns)) if (row[key] !== value) changed[key] = value;
  return changed;
}

async function applyGroups(flow: FlowContext, bundle: RecipeBundle, changes: RecipeChange[]): Promise<Map<string, number>> {
  const { trx, workspaceId, now } = flow;
  const rows = await trx.selectFrom('program_groups').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
  const ids = new Map<string, number>();
  for (const row of rows) if (!ids.has(row.name)) ids.set(row.name, row.id);
  for (const { name, strategy: named } of bundle.groups) {
    // Aliases (`oldest_program`) are stored under their canonical name, so re-applying is `unchanged`.
    const group = { name, strategy: canonicalGroupStrategy(named) };
    const existing = rows.find((row) => row.id === ids.get(group.name));
    if (!existing) {
      const created = await trx
        .insertInto('program_groups')
        .values({ workspace_id: workspaceId, name: group.name, strategy: group.strategy, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(group.name, created.id);
      changes.push({ kind: 'group', name: group.name, action: 'create', id: created.id });
    } else if (existing.strategy !== group.strategy) {
      await trx.updateTable('program_groups').set({ strategy: group.strategy, updated_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', existing.id).execute();
      changes.push({ kind: 'group', name: group.name, action: 'update', id: existing.id, changes: { strategy: group.strategy } });
    } else {
      changes.push({ kind: 'group', name: group.name, action: 'unchanged', id: existing.id });
    }
  }
  return ids;
}

async function applyLessonIncentive(flow: FlowContext, program: RecipeProgram, programId: number, changes: RecipeChange[]): Promise<void> {
  if (program.lessonIncentive === undefined) return;
  const { trx, workspaceId } = flow;
  const current = await trx.selectFrom('lesson_incentives').selectAll().where('workspace_id', '=', workspaceId).where('program_id', '=', programId).execute();
  const wanted = program.lessonIncentive;
  if (wanted === null) {
    if (current.length === 0) return;
    await trx.deleteFrom('lesson_incentives').where('workspace_id', '=', workspaceId).where('program_id', '=', programId).execute();
    changes.push({ kind: 'lesson_incentive', name: program.name, action: 'delete', id: programId });
    return;
  }
  if (current.length === 1 && current[0]!.currency === wanted.currency && current[0]!.amount === wanted.amount) {
    changes.push({ kind: 'lesson_incentive', name: program.name, action: 'unchanged', id: programId });
    return;
  }
  await setLessonIncentive(flow, programId, wanted);
  changes.push({ kind: 'lesson_incentive', name: program.name, action: current.length === 0 ? 'create' : 'update', id: programId, changes: { ...wanted } });
}

/** Replaces a program's lesson incentive (one currency per program). */
export async function setLessonIncentive(flow: Pick<FlowContext, 'trx' | 'workspaceId' | 'now'>, programId: number, incentive: { amount: number; currency: string }): Promise<void> {
  await flow.trx.deleteFrom('lesson_incentives').where('workspace_id', '=', flow.workspaceId).where('program_id', '=', programId).execute();
  await flow.trx.insertInto('lesson_incentives').values({ workspace_id: flow.workspaceId, program_id: programId, currency: incentive.currency, amount: incentive.amount, updated_at: flow.now }).execute();
}

async function applyPrograms(flow: FlowContext, bundle: RecipeBundle, groupIds: Map<string, number>, changes: RecipeChange[]): Promise<void> {
  const { trx, workspaceId, now } = flow;
  const rows = await trx.selectFrom('attribution_programs').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
  const byName = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!byName.has(row.name)) byName.set(row.name, row);
  for (const program of readRecipePrograms(bundle, new Set(byName.keys()), new Set(groupIds.keys()))) {
    const columns: Partial<Omit<ProgramRow, 'id' | 'workspace_id' | 'created_at' | 'updated_at'>> = { ...programColumns(program.input) };
    if (program.group !== undefined) columns.group_id = program.group === null ? null : groupIds.get(program.group)!;
    const existing = byName.get(program.name);
    let id: number;
    if (!existing) {
      const created = await trx
        .insertInto('attribution_programs')
        // A new program's incentive is required by readRecipePrograms, so `columns` sets its type.
        .values({ ...PROGRAM_DEFAULTS, incentive_type: 'percent', incentive_bps: null, incentive_amounts: null, group_id: null, ...columns, name: program.name, workspace_id: workspaceId, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = created.id;
      changes.push({ kind: 'program', name: program.name, action: 'create', id });
    } else {
      id = existing.id;
      const changed = differences(existing as unknown as Record<string, unknown>, columns as Record<string, unknown>);
      if (Object.keys(changed).length === 0) {
        changes.push({ kind: 'program', name: program.name, action: 'unchanged', id });
      } else {
        await trx.updateTable('attribution_programs').set({ ...changed, updated_at: now }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
        changes.push({ kind: 'program', name: program.name, action: 'update', id, changes: changed });
      }
    }
    await applyLessonIncentive(flow, program, id, changes);
  }
  // Later flows of this transaction must read the programs as written now.
  flow.programs.clear();
}

async function applySettings(flow: FlowContext, settings: RecipeBundle['settings'], changes: RecipeChange[]): Promise<void> {
  if (!settings) return;
  const current = await readSettings(flow.trx, flow.workspaceId);
  const next = {
    public_slugs: settings.public_slugs ?? current.public_slugs,
    allowed_origins: (settings.allowed_origins ?? current.allowed_origins).map((origin) => origin.toLowerCase()),
  };
  const changed = differences({ public_slugs: JSON.stringify(current.public_slugs), allowed_origins: JSON.stringify(current.allowed_origins) }, { public_slugs: JSON.stringify(next.public_slugs), allowed_origins: JSON.stringify(next.allowed_origins) });
  if (Object.keys(changed).length === 0) {
    changes.push({ kind: 'settings', name: 'attribution', action: 'unchanged', id: null });
    return;
  }
  const values = { public_slugs: JSON.stringify(next.public_slugs), allowed_origins: JSON.stringify(next.allowed_origins), updated_at: flow.now };
  await flow.trx.insertInto('attribution_settings').values({ workspace_id: flow.workspaceId, ...values }).onConflict((oc) => oc.column('workspace_id').doUpdateSet(values)).execute();
  changes.push({ kind: 'settings', name: 'attribution', action: 'update', id: null, changes: next });
}

/**
 * RecipeApplyRequested (mutable: a listener may add to or edit the bundle), then the bundle's
 * groups, programs (matched by name: created or updated), lesson incentives and settings, all in
 * the action's one transaction. A dry run does the same work and then throws RecipeDryRun, so the
 * answer lists exactly what applying would change and nothing is written, not even the log.
 */
export async function applyRecipe(flow: FlowContext, request: RecipeRequest): Promise<RecipeChange[]> {
  const final = await flow.dispatcher.dispatch('RecipeApplyRequested', { name: request.name, dryRun: request.dryRun, bundle: request.bundle });
  // What listeners left is checked again: a broken bundle is a 400, never a half-applied recipe.
  const { bundle } = readRecipeRequest({ groups: final.bundle.groups, programs: final.bundle.programs, ...(final.bundle.settings ? { settings: final.bundle.settings } : {}) });
  const changes: RecipeChange[] = [];
  const groupIds = await applyGroups(flow, bundle, changes);
  await applyPrograms(flow, bundle, groupIds, changes);
  await applySettings(flow, bundle.settings, changes);
  if (request.dryRun || final.dryRun) {
    for (const change of changes) if (change.action === 'create') change.id = null;
    throw new RecipeDryRun(changes);
  }
  return changes;
}
