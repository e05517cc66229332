/** Schemas of the links routes, for /openapi.json (the handlers read the query themselves: click-counts.ts). */

const day = { type: 'string', format: 'date', description: 'A UTC day, `YYYY-MM-DD`.' } as const;

/** `?from=&to=` of the click reports: both days included, at most 366 days, the last 30 by default. */
export const clickRangeQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    from: { ...day, description: 'The first UTC day (`YYYY-MM-DD`), included; 29 days before `to` by default. The range covers at most 366 days.' },
    to: { ...day, description: 'The last UTC day (`YYYY-MM-DD`), included; today by default.' },
  },
} as const;

const counts = {
  clicks: { type: 'integer', minimum: 0, description: 'Clicks on a live link.' },
  invalid_clicks: { type: 'integer', minimum: 0, description: "Clicks on an unknown or expired code, or an inactive collaborator's link." },
} as const;

const partnerClickProperties = {
  from: day,
  to: day,
  ...counts,
  days: {
    type: 'array',
    description: 'Every day of the range, in order, zeros included.',
    items: { type: 'object', required: ['day', 'clicks', 'invalid_clicks'], properties: { day, ...counts } },
  },
  by_program: {
    type: 'array',
    description: 'Per program, by id; null is a click that reached no program (the default landing page).',
    items: { type: 'object', required: ['program_id', 'clicks', 'invalid_clicks'], properties: { program_id: { type: ['integer', 'null'] }, ...counts } },
  },
} as const;

/** What the partner's `GET /partner/v1/clicks` answers: the report without the per-collaborator breakdown. */
export const partnerClickReportSchema = {
  type: 'object',
  required: ['from', 'to', 'clicks', 'invalid_clicks', 'days', 'by_program'],
  properties: partnerClickProperties,
} as const;

/** What `…/clicks` answers under the admin API: totals, every day of the range, per collaborator and per program. */
export const clickReportSchema = {
  type: 'object',
  required: [...partnerClickReportSchema.required, 'by_collaborator'],
  properties: {
    ...partnerClickProperties,
    by_collaborator: {
      type: 'array',
      description: 'Per collaborator, by id; null is a click with an unknown or expired code.',
      items: { type: 'object', required: ['collaborator_id', 'clicks', 'invalid_clicks'], properties: { collaborator_id: { type: ['integer', 'null'] }, ...counts } },
    },
  },
} as const;

/** What `GET /js/workspaces/{workspaceId}/tracking.json` answers: what the snippet needs before it reports a visit. */
export const trackingSettingsSchema = {
  type: 'object',
  required: ['public_visits', 'params', 'window_days'],
  properties: {
    public_visits: { type: 'boolean', description: 'Whether the workspace takes visits from the snippet (attribution settings).' },
    params: { type: 'array', items: { type: 'string' }, description: "The link parameters of the workspace's active programs (`ref` when there are none)." },
    window_days: { type: 'integer', minimum: 1, description: "The attribution window a visit's opportunity gets, in days (the longest of the programs)." },
  },
} as const;

/** A 302 to the landing page, with the link's query string and `?{param}={code}` added. */
export const linkRedirect = {
  description:
    'To the landing page: the link\'s own query string is kept and `?{param}={code}` added for a live code; an unknown or expired code goes to the workspace\'s default landing page without it. `Cache-Control: no-store`, `X-Robots-Tag: noindex`. A link with nowhere to go (no landing URL at all) answers a plain-text 404.',
  type: 'null',
  headers: {
    location: { type: 'string', format: 'uri', description: 'The landing page.' },
  },
} as const;
