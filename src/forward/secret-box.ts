import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';

const META_KEY = 'forward_secret_key';
const VERSION = 'v1';

/**
 * The server's secret key material: `FORWARD_SECRET_KEY`, or a random key kept in the `meta` table
 * (created by whichever process starts first). Each use derives its own key from it with its own
 * HKDF label (this box; the attribution engine's keyed address hashes), so one secret serves all.
 */
export async function serverKeyMaterial(db: Db, config: Config): Promise<string> {
  if (config.forwardSecretKey !== undefined) return config.forwardSecretKey;
  await db.kysely
    .insertInto('meta')
    .values({ key: META_KEY, value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.kysely.selectFrom('meta').select('value').where('key', '=', META_KEY).executeTakeFirstOrThrow();
  return row.value;
}

/**
 * Encrypts what forwarding must read again (signing secrets, header values): AES-256-GCM with a key
 * derived (HKDF-SHA256) from `FORWARD_SECRET_KEY`, or from a random key kept in the `meta` table
 * when that is unset. The `meta` key protects a leaked dump of these tables but not a leaked whole
 * database: operators who need that set `FORWARD_SECRET_KEY` and keep it outside the database.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** Loads (or on first start creates) the key material. */
  static async open(db: Db, config: Config): Promise<SecretBox> {
    return SecretBox.fromMaterial(await serverKeyMaterial(db, config));
  }

  /** A box keyed by HKDF-SHA256 of `material` (a passphrase or random key text). */
  static fromMaterial(material: string): SecretBox {
    const salt = createHash('sha256').update('tributary').digest();
    return new SecretBox(Buffer.from(hkdfSync('sha256', material, salt, 'tributary forward secrets v1', 32)));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** Throws when the value was sealed with another key or tampered with. */
  unseal(sealed: string): string {
    if (!sealed.startsWith(`${VERSION}:`)) throw new Error('unknown secret format');
    const raw = Buffer.from(sealed.slice(VERSION.length + 1), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
