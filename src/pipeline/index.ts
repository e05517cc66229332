export { InboxWorker, type WorkerHooks } from './inbox-worker.ts';
export { eventBody, eventColumns, type CanonicalEvent } from './canonical-event.ts';
export { eventResourceOf, toEventResource } from './event-resource.ts';
export type { PipelineItem, PipelineStage, StageContext } from './pipeline-stage.ts';
export { correctedTimestamp } from './corrected-timestamp.ts';
export { backoffDelay } from './backoff.ts';
