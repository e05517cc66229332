import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { SandboxPool } from './sandbox-pool.ts';
import type { Transformer } from './transformer.ts';

export type { ResultShape, RunOptions, TransformErrorKind, TransformLimits, TransformOutcome, Transformer } from './transformer.ts';
export type { EventTransformationRow, TransformationStatus } from './tables.ts';
export { registerTransformationRoutes } from './transformation-routes.ts';

/**
 * The sandbox every transformation runs in: a pool of child processes running isolated-vm, with
 * the limits and pool size from the config. Children start on first use; `close()` stops them.
 */
export function createTransformer(config: Config, logger: Logger): Transformer {
  return new SandboxPool({
    processes: config.transformProcesses,
    timeoutMs: config.transformTimeoutMs,
    memoryMb: config.transformMemoryMb,
    logger,
  });
}
