export { openDatabase, type Db } from './connect.ts';
export { migrateToLatest } from './migrate.ts';
export { chunkRows, rowParameters } from './chunk.ts';
export { MAX_ROW_ID, parseRowId, ROW_ID_SCHEMA } from './row-ids.ts';
export { insertTextBySize, placeholders, sqlTextBySize } from './sql-text.ts';
export { bulkInsert, type ArrayColumnType } from './bulk-insert.ts';
export { SQLITE_CAPABILITIES, type DialectCapabilities } from './dialect-capabilities.ts';
export type * from './schema.ts';
export { ConcurrentChange, isConcurrencyConflict, retryOnConflict } from './conflict-retry.ts';
