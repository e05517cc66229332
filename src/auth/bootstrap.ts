import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { createOperatorToken } from './operator-tokens.ts';
import { createWorkspace } from './workspaces.ts';
import { createWriteKey } from './write-keys.ts';

export interface BootstrapResult {
  workspaceId: string;
  /** Present only on the very first start, when the token was generated here. */
  operatorToken: string | undefined;
  /** Present only on the very first start. */
  writeKey: string | undefined;
}

const BOOTSTRAP_MARK = 'bootstrapped_at';

/**
 * On the first start, creates the `default` workspace, an operator token (unless the environment
 * fixes one) and a production write key. The raw secrets exist only in the return value: they are
 * printed once and stored hashed.
 */
export async function bootstrap(db: Db, config: Config): Promise<BootstrapResult> {
  const existing = await alreadyBootstrapped(db);
  if (existing) return existing;
  try {
    return await db.kysely.transaction().execute(async (trx) => {
      const tx: Db = { ...db, kysely: trx };
      // The mark goes in first: when two processes start together on one PostgreSQL database,
      // the second blocks here and then fails on the primary key, before creating anything.
      await trx.insertInto('meta').values({ key: BOOTSTRAP_MARK, value: new Date().toISOString() }).execute();
      const workspace = await createWorkspace(tx, { name: 'Default', slug: 'default' });
      const operatorToken = config.adminToken ? undefined : await createOperatorToken(tx);
      const { key } = await createWriteKey(tx, workspace.id, {
        name: 'Default - Production',
        environment: 'production',
        createdBy: null,
      });
      return { workspaceId: workspace.id, operatorToken, writeKey: key };
    });
  } catch (error) {
    const winner = await alreadyBootstrapped(db);
    if (winner) return winner;
    throw error;
  }
}

async function alreadyBootstrapped(db: Db): Promise<BootstrapResult | undefined> {
  const mark = await db.kysely.selectFrom('meta').select('value').where('key', '=', BOOTSTRAP_MARK).executeTakeFirst();
  if (!mark) return undefined;
  const workspace = await db.kysely.selectFrom('workspaces').select('id').where('slug', '=', 'default').executeTakeFirst();
  return { workspaceId: workspace?.id ?? '', operatorToken: undefined, writeKey: undefined };
}
