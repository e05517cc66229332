import type { Kysely } from 'kysely';
import type { Database, Db } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';

/**
 * Deletes a model object unless ledger rows point at it, answering 409 `message` if they do. The
 * check runs in the delete's transaction; a row that starts pointing at the object between the
 * check and the delete trips a foreign key instead, and the check after turns that into the same
 * 409 on either database.
 */
export async function deleteUnlessReferenced(
  db: Db,
  isReferenced: (trx: Kysely<Database>) => Promise<boolean>,
  remove: (trx: Kysely<Database>) => Promise<void>,
  message: string,
): Promise<void> {
  try {
    await db.kysely.transaction().execute(async (trx) => {
      if (await isReferenced(trx)) throw new AppError('conflict', message);
      await remove(trx);
    });
  } catch (error) {
    if (!(error instanceof AppError) && (await isReferenced(db.kysely))) throw new AppError('conflict', message, { cause: error });
    throw error;
  }
}
