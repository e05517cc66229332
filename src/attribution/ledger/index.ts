export type { LedgerChange } from './ledger-change.ts';
export { lockLedger } from './ledger-lock.ts';
export type { LedgerEntryKind, LedgerEntryRow } from './tables.ts';
