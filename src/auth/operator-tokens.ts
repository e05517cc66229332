import type { Db } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import { generateSecret, hashSecret, secretPrefix } from '../lib/secrets.ts';

export const OPERATOR_TOKEN_PREFIX = 'trb_op_';

/** Creates an operator token; the raw token is returned once and only its hash is kept. */
export async function createOperatorToken(db: Db): Promise<string> {
  const token = generateSecret(OPERATOR_TOKEN_PREFIX);
  await db.kysely
    .insertInto('operator_tokens')
    .values({ id: newId(), token_hash: hashSecret(token), token_prefix: secretPrefix(token), created_at: Date.now() })
    .execute();
  return token;
}

export async function operatorTokenExists(db: Db, tokenHash: string): Promise<boolean> {
  const row = await db.kysely
    .selectFrom('operator_tokens')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row !== undefined;
}
