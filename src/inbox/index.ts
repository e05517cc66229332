export { InboxWriter } from './inbox-writer.ts';
export { IdempotencyConflict, type AppendedEntry, type InboxEntry } from './inbox-entry.ts';
export { GroupCommit } from './group-commit.ts';
export { WalSync, walSyncFor } from './wal-sync.ts';
export {
  markBlocked,
  markFailed,
  requeueFailed,
  type ClaimedRow,
  type FailureRecord,
} from './inbox-queue.ts';
export { CLAIM_SCOPES, type ClaimScope } from './claim-scope.ts';
export { holdInTransaction, markProcessedHeld, readDue } from './in-transaction-claim.ts';
export { ProcessingWaiters, type ProcessingOutcome } from './processing-waiters.ts';
export { JournalExpansion, type JournalEvent, type JournalExpander, type JournalExpanders } from './journal-expansion.ts';
export type { JournalRecord } from './journal-record.ts';
export { getIncoming, listIncoming, lookupOutcomes, pendingInJournal, type IncomingFilter } from './inbox-reader.ts';
export { DedupeExpiry } from './dedupe-expiry.ts';
