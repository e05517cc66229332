import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/index.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { SandboxPool } from './sandbox-pool.ts';
import { registerTransformationRoutes } from './transformation-routes.ts';
import type { TransformOutcome, Transformer } from './transformer.ts';

export type { ResultShape, RunOptions, TransformErrorKind, TransformLimits, TransformOutcome, Transformer } from './transformer.ts';
export type { EventTransformationRow, TransformationStatus } from './tables.ts';

/**
 * The sandbox every transformation runs in: a pool of child processes running isolated-vm, with
 * the limits and pool size from the config. Children start on first use; `close()` stops them.
 */
export function createTransformer(config: Config, logger: Logger, onOutcomes?: (outcomes: readonly TransformOutcome[]) => void): Transformer {
  return new SandboxPool({
    processes: config.transformProcesses,
    timeoutMs: config.transformTimeoutMs,
    memoryMb: config.transformMemoryMb,
    logger,
    ...(onOutcomes ? { onOutcomes } : {}),
  });
}

/** What the transformation API needs: the database and the sandbox (to test and check code). */
export interface TransformDeps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly transformer: Transformer;
}

/** Transformations under `/api/v1/workspaces/{id}/transformations`. */
export function registerTransformApi(app: FastifyInstance, deps: TransformDeps): void {
  registerTransformationRoutes(app, deps);
}
