export type { ContractStatus, EnforcementMode } from './tables.ts';
export { createContractsStage, type ContractVerdict } from './contracts-stage.ts';
export { registerContractRoutes } from './contract-routes.ts';
export { violationsOfEvents } from './violations.ts';
export { compileSchemaDefinition, toJsonSchema } from './schema-definition.ts';
export { evaluate, jsonType, type Violation } from './evaluate.ts';
