import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { codeMatches } from '../model/code-match.ts';

/**
 * Referral codes and coupon codes: letters, digits, `-` and `_`; stored as the admin typed them
 * (`GRACE20`), matched case-insensitively.
 */
export const CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$';

// No 0/o or 1/l, so a code read aloud or copied by hand survives.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A random 8-character code (40 bits): collisions are rare, and the unique index catches them. */
export function generateCode(): string {
  let code = '';
  for (const byte of randomBytes(8)) code += ALPHABET[byte % ALPHABET.length];
  return code;
}

function taken(kind: string, code: string): AppError {
  return new AppError('conflict', `The ${kind} "${code}" is already in use in this workspace.`, {
    data: { fields: [{ field: 'code', message: 'is already in use' }] },
  });
}

/**
 * Inserts a row whose `code` is unique per workspace. The check before answers the common case
 * with a clear 409; the unique index decides a race, and the check after turns that into the same
 * 409 on either database, without reading driver-specific error codes.
 */
export async function insertUnique<T>(db: Db, table: 'referral_codes' | 'coupons', workspaceId: string, code: string, insert: () => Promise<T>): Promise<T> {
  const kind = table === 'coupons' ? 'coupon code' : 'referral code';
  const exists = () => db.kysely.selectFrom(table).select('id').where('workspace_id', '=', workspaceId).where(codeMatches(code)).executeTakeFirst();
  if (await exists()) throw taken(kind, code);
  try {
    return await insert();
  } catch (error) {
    if (await exists()) throw taken(kind, code);
    throw error;
  }
}
