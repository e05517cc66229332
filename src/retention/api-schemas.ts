/** Schemas of the retention settings routes: the handler validates the PUT body with these; /openapi.json shows them. */

export const RETENTION_FIELDS = ['events_days', 'inbox_days', 'deliveries_days', 'violations_days', 'volume_days'] as const;

/** Longest finite setting: ten years. */
export const MAX_RETENTION_DAYS = 3650;

const FIELD_DESCRIPTIONS: Record<(typeof RETENTION_FIELDS)[number], string> = {
  events_days: 'Canonical events.',
  inbox_days: 'Finished inbox rows (processed, blocked, failed for good).',
  deliveries_days: 'Finished deliveries (delivered, failed, dead, dropped) and their attempts.',
  violations_days: 'Contract violations.',
  volume_days: 'Hourly volume counters.',
};

const days = (field: (typeof RETENTION_FIELDS)[number]) =>
  ({ type: ['integer', 'null'], minimum: 1, maximum: MAX_RETENTION_DAYS, description: `${FIELD_DESCRIPTIONS[field]} Days kept; null keeps them for ever.` }) as const;

/** A PUT replaces the settings whole: every field, an integer of days from 1 to 3650 or null. */
export const retentionSettingsBody = {
  type: 'object',
  additionalProperties: false,
  required: [...RETENTION_FIELDS],
  properties: Object.fromEntries(RETENTION_FIELDS.map((field) => [field, days(field)])),
  examples: [{ events_days: 30, inbox_days: 30, deliveries_days: 14, violations_days: 7, volume_days: null }],
};

/** The settings and when they were last changed (null: the defaults, never changed). */
export const retentionSettingsSchema = {
  type: 'object',
  required: [...RETENTION_FIELDS, 'updated_at'],
  properties: {
    ...Object.fromEntries(RETENTION_FIELDS.map((field) => [field, days(field)])),
    updated_at: { type: ['string', 'null'], format: 'date-time' },
  },
};
