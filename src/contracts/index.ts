import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/index.ts';
import type { Db } from '../db/index.ts';
import { coerceError } from '../errors/index.ts';
import { ContractCache } from './contract-cache.ts';
import { registerContractRoutes } from './contract-routes.ts';

export type { ContractStatus, EnforcementMode } from './tables.ts';
export { ContractCache, type CompiledContract } from './contract-cache.ts';
export { createContractsStage, type ContractVerdict } from './contracts-stage.ts';
export { violationsOfEvents } from './violations.ts';
export { compileSchemaDefinition, toJsonSchema } from './schema-definition.ts';
export { evaluate, jsonType, type Violation } from './evaluate.ts';

/** What the contract routes need; `contracts` is the cache the pipeline's stage reads. */
export interface ContractsDeps {
  readonly db: Db;
  readonly auth: Authenticator;
  readonly contracts: ContractCache;
}

/**
 * The process's compiled-contract cache. A stored schema that no longer compiles (after an
 * upgrade, say) is skipped and logged here, once per reload.
 */
export function createContractCache(logger: Logger): ContractCache {
  return new ContractCache(1000, (contractId, error) =>
    logger.error({ contractId, err: coerceError(error) }, 'a stored contract schema no longer compiles; it is skipped'),
  );
}

/** Seed 003's contract routes under `/api/v1/workspaces/{id}/event-contracts`. */
export function registerContractsApi(app: FastifyInstance, deps: ContractsDeps): void {
  registerContractRoutes(app, deps);
}
