import { CODE_PATTERN } from '../api/codes.ts';

/** The application fields, shared by the `collaborator-submission` slug and the admin route. */
export const SUBMISSION_PROPERTIES = {
  name: { type: 'string', minLength: 1, maxLength: 200 },
  email: { type: ['string', 'null'], minLength: 3, maxLength: 320 },
  userId: { type: ['string', 'number', 'null'], minLength: 1, maxLength: 255 },
  code: { type: ['string', 'null'], pattern: CODE_PATTERN },
  fields: { type: 'object', maxProperties: 100 },
} as const;

/** The application as the flow reads it, from a validated body. */
export function submissionOf(body: Record<string, unknown>, decision: 'approved' | 'pending') {
  return {
    name: String(body.name),
    email: typeof body.email === 'string' ? body.email : null,
    userId: typeof body.userId === 'string' || typeof body.userId === 'number' ? String(body.userId) : null,
    code: typeof body.code === 'string' ? body.code : null,
    fields: (body.fields as Record<string, unknown> | undefined) ?? {},
    decision,
  };
}
