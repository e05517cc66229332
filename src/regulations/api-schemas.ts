import { pageOf, pageQuery } from '../openapi/index.ts';
import { REGULATION_STATUSES, REGULATION_TYPES, SUBJECT_TYPES } from './tables.ts';

/** Schemas of the regulation routes: the handler validates the POST body with these; /openapi.json shows them. */

/** Segment's limit of subject ids per regulation. */
export const MAX_SUBJECT_IDS = 5000;

/** A regulation, as `POST …/regulations` takes it (emails are checked further by the handler). */
export const createRegulationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'subject_type', 'subject_ids'],
  properties: {
    type: {
      enum: [...REGULATION_TYPES],
      description: '`delete` erases what is stored, `suppress` drops future events, `suppress_with_delete` does both, `unsuppress` lifts a suppression.',
    },
    subject_type: { enum: [...SUBJECT_TYPES], description: 'What `subject_ids` are; emails match whatever their case.' },
    subject_ids: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_SUBJECT_IDS,
      // Ids are as long as the events' (workspace API: 512), emails as RFC 5321 allows (320).
      items: { type: 'string', minLength: 1, maxLength: 512 },
    },
  },
  examples: [{ type: 'suppress_with_delete', subject_type: 'email', subject_ids: ['ada@example.com'] }],
};

const timestamp = { type: 'string', format: 'date-time' } as const;
const count = { type: 'integer', minimum: 0 } as const;

const regulationProperties = {
  id: { type: 'string' },
  workspace_id: { type: 'string' },
  type: { enum: [...REGULATION_TYPES] },
  subject_type: { enum: [...SUBJECT_TYPES] },
  subject_count: count,
  status: { enum: [...REGULATION_STATUSES] },
  counts: {
    type: 'object',
    description: 'What the erasure found and erased so far (zero for suppressions).',
    required: ['events', 'inbox_rows', 'journal_messages', 'deliveries', 'contract_violations', 'live_messages', 'attribution_records'],
    properties: {
      events: count,
      inbox_rows: count,
      journal_messages: count,
      deliveries: count,
      contract_violations: count,
      live_messages: count,
      attribution_records: count,
    },
  },
  error: { type: ['string', 'null'] },
  created_at: timestamp,
  updated_at: timestamp,
  finished_at: { type: ['string', 'null'], format: 'date-time' },
} as const;

/** A regulation as lists show it: without its subject ids. */
export const regulationSummarySchema = {
  type: 'object',
  required: Object.keys(regulationProperties),
  properties: regulationProperties,
};

/** A regulation with its subject ids (the creation and single-regulation answers). */
export const regulationSchema = {
  type: 'object',
  required: [...Object.keys(regulationProperties), 'subject_ids'],
  properties: { ...regulationProperties, subject_ids: { type: 'array', items: { type: 'string' } } },
};

export const listRegulationsQuery = pageQuery(500, 50, {
  status: { enum: [...REGULATION_STATUSES, ''], description: 'Only regulations in this status; empty or absent for all.' },
});

export const regulationPageSchema = pageOf(regulationSummarySchema);
