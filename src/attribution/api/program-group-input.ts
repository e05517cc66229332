import type { Kysely } from 'kysely';
import { MAX_ROW_ID, ROW_ID_SCHEMA, type Database } from '../../db/index.ts';
import { AppError, type FieldError } from '../../errors/index.ts';
import { ajv, fieldErrors } from '../../http/validate.ts';
import { ACCEPTED_GROUP_STRATEGIES, canonicalGroupStrategy } from '../model/group-strategies.ts';
import type { GroupStrategy } from '../model/tables.ts';

/** A member as a request names it: the program and its optional rank for the `priority` strategy. */
export interface GroupMemberInput {
  program_id: number;
  priority: number | null;
}

/** A group body after checking: `strategy` canonical (`oldest_program` → `priority`). */
export interface GroupInput {
  name?: string;
  strategy?: GroupStrategy;
  programs?: GroupMemberInput[];
}

const PRIORITY = { type: ['integer', 'null'], minimum: 0, maximum: 1_000_000 };

const properties = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  strategy: { enum: ACCEPTED_GROUP_STRATEGIES },
  programs: {
    type: 'array',
    maxItems: 100,
    items: {
      type: 'object',
      required: ['program_id'],
      additionalProperties: false,
      properties: { program_id: ROW_ID_SCHEMA, priority: PRIORITY },
    },
  },
};

/** The bodies, as validated and as /openapi.json shows them. */
export const createGroupBody = { type: 'object', required: ['name', 'strategy'], additionalProperties: false, properties };
export const updateGroupBody = { type: 'object', additionalProperties: false, properties };
export const groupMemberBody = { type: 'object', additionalProperties: false, properties: { priority: PRIORITY } };

const validateCreate = ajv.compile(createGroupBody);
const validateUpdate = ajv.compile(updateGroupBody);
const validateMember = ajv.compile(groupMemberBody);

/** Member entries whose shape is valid, with their index (so errors name `programs.{i}`). */
function wellFormedMembers(body: Record<string, unknown>): Array<{ index: number; member: GroupMemberInput }> {
  if (!Array.isArray(body.programs)) return [];
  return body.programs.flatMap((raw: unknown, index) => {
    const entry = raw as Record<string, unknown> | null;
    if (entry === null || typeof entry !== 'object' || !Number.isSafeInteger(entry.program_id) || (entry.program_id as number) < 1 || (entry.program_id as number) > MAX_ROW_ID) return [];
    const priority = entry.priority === undefined ? null : entry.priority;
    return [{ index, member: { program_id: entry.program_id as number, priority: typeof priority === 'number' ? priority : null } }];
  });
}

/**
 * Checks a group body and its members against the workspace: every field error at once (the
 * schema's, a program named twice, a program that is not this workspace's), as one 400.
 */
export async function readGroupBody(db: Kysely<Database>, workspaceId: string, body: unknown, mode: 'create' | 'update'): Promise<GroupInput> {
  const value = (body ?? {}) as Record<string, unknown>;
  const validate = mode === 'create' ? validateCreate : validateUpdate;
  const errors: FieldError[] = validate(value) ? [] : fieldErrors(validate.errors);
  const members = wellFormedMembers(value);
  const seen = new Set<number>();
  for (const { index, member } of members) {
    if (seen.has(member.program_id)) errors.push({ field: `programs.${index}.program_id`, message: 'appears twice in the group' });
    seen.add(member.program_id);
  }
  if (seen.size > 0) {
    const found = await db.selectFrom('attribution_programs').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', [...seen]).execute();
    const known = new Set(found.map((row) => row.id));
    for (const { index, member } of members) {
      if (!known.has(member.program_id)) errors.push({ field: `programs.${index}.program_id`, message: 'is not a program of this workspace' });
    }
  }
  if (errors.length > 0) throw AppError.validation(errors);
  return {
    ...(typeof value.name === 'string' ? { name: value.name } : {}),
    ...(typeof value.strategy === 'string' ? { strategy: canonicalGroupStrategy(value.strategy) } : {}),
    ...(Array.isArray(value.programs) ? { programs: members.map((m) => m.member) } : {}),
  };
}

/** `PUT …/program-groups/{id}/programs/{programId}`: an optional priority. */
export function readMemberBody(body: unknown): { priority: number | null } {
  const value = (body ?? {}) as Record<string, unknown>;
  if (!validateMember(value)) throw AppError.validation(fieldErrors(validateMember.errors));
  return { priority: typeof value.priority === 'number' ? value.priority : null };
}
