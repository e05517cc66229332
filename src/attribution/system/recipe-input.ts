import { AppError, type FieldError } from '../../errors/index.ts';
import { ajv, fieldErrors } from '../../http/validate.ts';
import { readProgramCreate, readProgramUpdate, type ProgramInput } from '../api/program-input.ts';
import type { RecipeBundle } from '../bus/domain-event-map.ts';
import { ACCEPTED_GROUP_STRATEGIES } from '../model/group-strategies.ts';
import { PUBLIC_CAPABLE_SLUGS } from '../ingest/settings.ts';

/** Group strategies a recipe may name: the ones the engine's program groups implement, plus their aliases. */
export const RECIPE_GROUP_STRATEGIES = ACCEPTED_GROUP_STRATEGIES;

/** The request body, as validated and as /openapi.json shows it. */
export const recipeBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    dry_run: { type: 'boolean' },
    groups: {
      type: 'array',
      maxItems: 100,
      items: { type: 'object', required: ['name', 'strategy'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, strategy: { enum: RECIPE_GROUP_STRATEGIES } } },
    },
    programs: { type: 'array', maxItems: 100, items: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 200 } } } },
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        public_slugs: { type: 'array', maxItems: 10, uniqueItems: true, items: { enum: PUBLIC_CAPABLE_SLUGS } },
        allowed_origins: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string', pattern: '^https?://[^/\\s?#]+$', maxLength: 300 } },
      },
    },
  },
};
const validateRequest = ajv.compile(recipeBody);

const validateLesson = ajv.compile({
  type: ['object', 'null'],
  required: ['amount', 'currency'],
  additionalProperties: false,
  properties: { amount: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, currency: { type: 'string', format: 'currency' } },
});

/** One recipe program, split into the program's own fields and the recipe's extras. */
export interface RecipeProgram {
  name: string;
  group: string | null | undefined;
  lessonIncentive: { amount: number; currency: string } | null | undefined;
  input: ProgramInput;
}

function fieldsOf(error: unknown, prefix: string): FieldError[] {
  if (error instanceof AppError && error.code === 'validation_failed') {
    return (error.data as { fields: FieldError[] }).fields.map((f) => ({ field: `${prefix}.${f.field}`, message: f.message }));
  }
  throw error;
}

/** `POST …/recipes/apply`: the request's shape (programs are checked against the workspace later). */
export function readRecipeRequest(body: unknown): { name: string | null; dryRun: boolean; bundle: RecipeBundle } {
  const value = body ?? {};
  if (!validateRequest(value)) throw AppError.validation(fieldErrors(validateRequest.errors));
  const input = value as { name?: string; dry_run?: boolean; groups?: RecipeBundle['groups']; programs?: RecipeBundle['programs']; settings?: RecipeBundle['settings'] };
  return { name: input.name ?? null, dryRun: input.dry_run ?? false, bundle: { groups: input.groups ?? [], programs: input.programs ?? [], settings: input.settings ?? null } };
}

/**
 * Every program of the bundle checked as the programs API checks it (a new one as a create, an
 * existing name as an update), with errors under `programs.{i}.`; every field error at once.
 */
export function readRecipePrograms(bundle: RecipeBundle, existing: ReadonlySet<string>, groupNames: ReadonlySet<string>): RecipeProgram[] {
  const errors: FieldError[] = [];
  const programs: RecipeProgram[] = [];
  const names = new Set<string>();
  bundle.programs.forEach((raw, i) => {
    const prefix = `programs.${i}`;
    const { group, lesson_incentive: lesson, ...rest } = raw as Record<string, unknown>;
    if (names.has(String(raw.name))) errors.push({ field: `${prefix}.name`, message: 'appears twice in the recipe' });
    names.add(String(raw.name));
    if (group !== undefined && group !== null && (typeof group !== 'string' || !groupNames.has(group))) {
      errors.push({ field: `${prefix}.group`, message: 'must name a group of the recipe or of the workspace' });
    }
    if (lesson !== undefined && !validateLesson(lesson)) errors.push(...fieldErrors(validateLesson.errors, `${prefix}.lesson_incentive`));
    try {
      const input = existing.has(String(raw.name)) ? readProgramUpdate(rest) : readProgramCreate(rest);
      programs.push({ name: String(raw.name), group: group as string | null | undefined, lessonIncentive: lesson as RecipeProgram['lessonIncentive'], input });
    } catch (error) {
      errors.push(...fieldsOf(error, prefix));
    }
  });
  const groups = new Set<string>();
  bundle.groups.forEach((g, i) => {
    if (groups.has(g.name)) errors.push({ field: `groups.${i}.name`, message: 'appears twice in the recipe' });
    groups.add(g.name);
  });
  if (errors.length > 0) throw AppError.validation(errors);
  return programs;
}
