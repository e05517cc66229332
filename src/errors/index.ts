export { AppError, type FieldError } from './app-error.ts';
export { ERROR_CODES, ERROR_DESCRIPTIONS, errorCatalogue, type ErrorCatalogueEntry, type ErrorCode } from './error-codes.ts';
export { coerceError } from './coerce-error.ts';
