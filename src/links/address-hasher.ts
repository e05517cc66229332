import { hash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';

/** `YYYY-MM-DD` of a time, in UTC: the day clicks are counted and salted under. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day before `day` (`YYYY-MM-DD`). */
function dayBefore(day: string): string {
  return utcDay(Date.parse(`${day}T00:00:00Z`) - 86_400_000);
}

/**
 * Hashes a shopper's address under a random salt of the day, as Plausible does: the same visitor
 * gets the same hash all day (so repeated clicks can be told apart from many visitors), and a
 * different one the next day. A day's salt is created by whichever process first needs it (the
 * primary key settles a race) and deleted once it is two days old, so an old hash can no longer be
 * matched against guessed addresses. The raw address is never stored.
 *
 * Used inside the click batch's transaction; the current day's salt is kept in memory.
 */
export class AddressHasher {
  private current: { day: string; salt: string } | undefined;

  /**
   * A function hashing addresses under `day`'s salt: SHA-256 of the salt (32 random bytes) and the
   * address, one-shot `crypto.hash` (a third of an HMAC's cost, paid on every click). The salt is
   * remembered only once `committed` is called: a salt created by a transaction that then rolled
   * back must not outlive it here while another process writes a different one.
   */
  async hasherFor(trx: Kysely<Database>, day: string): Promise<{ hash: (address: string) => string; committed: () => void }> {
    const salt = this.current?.day === day ? this.current.salt : await this.saltOf(trx, day);
    return {
      hash: (address) => hash('sha256', `${salt}\u0000${address}`, 'hex'),
      // Only the newest day is kept: a batch straddling midnight reads yesterday's again.
      committed: () => {
        if (this.current === undefined || day > this.current.day) this.current = { day, salt };
      },
    };
  }

  private async saltOf(trx: Kysely<Database>, day: string): Promise<string> {
    let row = await trx.selectFrom('link_salts').select('salt').where('day', '=', day).executeTakeFirst();
    if (!row) {
      await trx.insertInto('link_salts').values({ day, salt: randomBytes(32).toString('hex') }).onConflict((oc) => oc.column('day').doNothing()).execute();
      await trx.deleteFrom('link_salts').where('day', '<', dayBefore(day)).execute();
      row = await trx.selectFrom('link_salts').select('salt').where('day', '=', day).executeTakeFirstOrThrow();
    }
    return row.salt;
  }
}
