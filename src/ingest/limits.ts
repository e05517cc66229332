/** Segment's documented limits, which its SDKs already respect when they build batches. */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
/** Client-events bulk (seed 004). */
export const MAX_BULK_EVENTS = 1000;
export const MAX_BULK_BYTES = 1024 * 1024;
