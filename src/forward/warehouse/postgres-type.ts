import type { DestinationType } from '../destination-types/destination-type.ts';
import { WarehouseLoader } from './warehouse-loader.ts';

export interface PostgresConfig {
  /** `postgres://user:password@host:5432/database` (secret: it carries the password). */
  readonly connection_string: string;
  /** Target schema, created when missing. */
  readonly schema?: string;
}

/** Events per batch: one transaction of multi-row inserts, as the issue and Segment's loaders batch. */
export const WAREHOUSE_BATCH = 500;

/**
 * The PostgreSQL warehouse: batches of events loaded into a schema in Segment's and RudderStack's
 * layout (warehouse-rows.ts), with schema evolution and type-conflict fallbacks (column-types.ts),
 * idempotent by message id (warehouse-loader.ts). The destination test connects and creates the
 * schema; it never writes a sample row into the user's tables.
 */
export const postgresWarehouseType: DestinationType<PostgresConfig> = {
  id: 'postgres',
  title: 'PostgreSQL warehouse',
  description: 'Loads events into PostgreSQL tables in the Segment warehouse layout (tracks, identifies, users, one table per event).',
  transport: 'connection',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['connection_string'],
    properties: {
      connection_string: {
        type: 'string',
        title: 'Connection string',
        description: 'postgres://user:password@host:5432/database',
        pattern: '^postgres(ql)?://',
        minLength: 12,
        maxLength: 2048,
        'x-secret': true,
        writeOnly: true,
      },
      schema: {
        type: 'string',
        title: 'Schema',
        description: 'Where the tables are created (created when missing).',
        pattern: '^[A-Za-z_][A-Za-z0-9_]{0,62}$',
        default: 'tributary',
      },
    },
  },
  check(config) {
    try {
      const url = new URL(config.connection_string);
      if (url.hostname === '' && !url.searchParams.get('host')) return [{ field: 'connection_string', message: 'must name a host' }];
      return [];
    } catch {
      return [{ field: 'connection_string', message: 'must be a postgres:// URL' }];
    }
  },
  limits: { maxEvents: WAREHOUSE_BATCH, maxBytes: 16_000_000, maxWaitMs: 5_000, rateLimit: null },
  open(config, context) {
    const loader = new WarehouseLoader({
      connectionString: config.connection_string,
      schema: config.schema ?? 'tributary',
      allowPrivate: context.allowPrivateTargets,
      timeoutMs: context.timeoutMs,
    });
    return {
      send: async (batch) => (await loader.load(batch.events)).outcome,
      test: () => loader.test(),
      close: () => loader.close(),
    };
  },
};
