import { CODE_PATTERN } from '../api/codes.ts';
import { pathParams } from '../../openapi/index.ts';

/** Schemas of the partner portal's public sign-up form (`/partner/v1/programs/{workspace}/{program}/…`). */

/**
 * The field people never see (the portal moves it off-screen, out of the tab order, with
 * autocomplete off) and form-filling bots do: an application with it filled is answered as
 * received and dropped. Its name is one bots fill eagerly.
 */
export const HONEYPOT_FIELD = 'website';

/** Bigger bodies are refused (413) before they are parsed: the form's longest answer is 1,000 characters. */
export const APPLICATION_BODY_LIMIT = 8 * 1024;

// Printable text with something in it: no control characters, not only spaces.
const TEXT = '^[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f][^\\u0000-\\u001f\\u007f]*$';
// One @, something either side, a dot in the domain, no spaces inside (around it, as pasted, they are
// trimmed): the mailbox itself is the shop's to verify.
const EMAIL = '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$';

export const applicationParams = pathParams({ workspaceId: 'The workspace id.', programId: 'The program id.' });

export const applicationBody = {
  type: 'object',
  required: ['name', 'email'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, pattern: TEXT },
    email: { type: 'string', minLength: 3, maxLength: 320, pattern: EMAIL },
    code: { type: ['string', 'null'], pattern: CODE_PATTERN, description: 'The referral code asked for; a taken one is replaced on approval.' },
    promotion: { type: ['string', 'null'], maxLength: 1000, description: 'How the applicant will promote the shop.' },
    [HONEYPOT_FIELD]: { type: 'string', maxLength: 2000, description: 'Leave out: the hidden field bots fill (see `honeypot` in the form description).' },
  },
  examples: [{ name: 'Ada Lovelace', email: 'ada@example.com', code: 'ADA', promotion: 'My newsletter, 4,000 readers.' }],
} as const;

/** The same answer whatever became of the application, so it tells nobody whether an email is known. */
export const applicationReceivedSchema = {
  type: 'object',
  required: ['status', 'message'],
  properties: { status: { const: 'received' }, message: { type: 'string' } },
} as const;

const formField = {
  type: 'object',
  required: ['name', 'label', 'type', 'required'],
  properties: {
    name: { type: 'string' },
    label: { type: 'string' },
    type: { enum: ['text', 'email', 'textarea'] },
    required: { type: 'boolean' },
    max_length: { type: 'integer' },
    pattern: { type: 'string' },
    help: { type: 'string' },
  },
} as const;

export const applicationFormSchema = {
  type: 'object',
  required: ['workspace_id', 'program', 'fields', 'honeypot', 'submit_path'],
  properties: {
    workspace_id: { type: 'string' },
    program: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: { type: 'string' } } },
    fields: { type: 'array', items: formField },
    honeypot: { type: 'string', description: 'A field to render hidden from people and send only if filled (bots fill it).' },
    submit_path: { type: 'string', description: 'Where to POST the answers.' },
  },
} as const;

/** The form the portal renders, from the same limits the body schema enforces. */
export const APPLICATION_FIELDS = [
  { name: 'name', label: 'Your name', type: 'text', required: true, max_length: applicationBody.properties.name.maxLength },
  { name: 'email', label: 'E-mail', type: 'email', required: true, max_length: applicationBody.properties.email.maxLength, help: 'Your sign-in link comes here once you are approved.' },
  { name: 'code', label: 'Referral code you would like', type: 'text', required: false, max_length: 64, pattern: CODE_PATTERN, help: 'Letters, digits, - and _; we pick one if it is taken.' },
  { name: 'promotion', label: 'How will you promote us?', type: 'textarea', required: false, max_length: applicationBody.properties.promotion.maxLength },
] as const;
