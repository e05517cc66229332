import { truncateBytes, MAX_IDENTIFIER_BYTES } from './warehouse-names.ts';
import type { ValueKind, WarehouseRow, WarehouseValue } from './warehouse-rows.ts';

/*
 * Which values a column takes, and where a value goes when its column has another type. A new
 * column gets the type of the first value that needs it (one numeric type, double precision, so a
 * property that is 3 today and 3.5 tomorrow is not a conflict). A value that its column's type
 * cannot hold (a string in a number column, a number in a boolean one) is kept, as text, in the
 * column's fallback `<column>_text`, and counted: never dropped, never failing the batch. A text
 * column takes anything (a number or boolean written as text loses nothing). Columns a user
 * created by hand are honoured: json/jsonb take anything, integer types take integral numbers.
 */

/** A table's columns: name → PostgreSQL `data_type` as information_schema spells it. */
export type TableSchema = ReadonlyMap<string, string>;

const TYPE_OF_KIND: Record<ValueKind, string> = {
  text: 'text',
  number: 'double precision',
  boolean: 'boolean',
  timestamp: 'timestamp with time zone',
};

/** The type a new column gets for its first value. */
export function columnTypeFor(kind: ValueKind): string {
  return TYPE_OF_KIND[kind];
}

const INTEGER_RANGES: Record<string, number> = { smallint: 2 ** 15, integer: 2 ** 31, bigint: Number.MAX_SAFE_INTEGER };
const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

/** The query parameter that writes `value` into a column of `type`, or undefined when it cannot. */
export function parameterFor(type: string, { kind, value }: WarehouseValue): string | number | boolean | undefined {
  switch (type) {
    case 'text':
    case 'character varying':
    case 'character':
      // PostgreSQL text cannot hold NUL; U+FFFD marks where one was.
      return String(value).replace(/\u0000/g, '\ufffd');
    case 'json':
    case 'jsonb':
      return JSON.stringify(value).replace(/\\u0000/g, '\\ufffd');
    case 'double precision':
    case 'real':
    case 'numeric':
      return kind === 'number' ? value : undefined;
    case 'smallint':
    case 'integer':
    case 'bigint':
      return kind === 'number' && Number.isInteger(value) && Math.abs(value as number) < INTEGER_RANGES[type]! ? value : undefined;
    case 'boolean':
      return kind === 'boolean' ? value : undefined;
    case 'timestamp with time zone':
    case 'timestamp without time zone':
    case 'date':
      return kind === 'timestamp' || (kind === 'text' && ISO_TIME.test(value as string) && !Number.isNaN(Date.parse(value as string))) ? value : undefined;
    default:
      return undefined;
  }
}

/** The fallback text column of `column` (the suffix survives the 63-byte limit). */
export function fallbackColumn(column: string): string {
  return `${truncateBytes(column, MAX_IDENTIFIER_BYTES - 5)}_text`;
}

/** Rows of one table ready to write: parameters by column, the columns to add first, conflicts counted. */
export interface ResolvedRows {
  readonly rows: ReadonlyMap<string, string | number | boolean>[];
  /** Columns the table lacks, with the type each gets. */
  readonly newColumns: ReadonlyMap<string, string>;
  /** Values written to a fallback text column because their column has another type. */
  readonly conflicts: number;
  /** Per row (same order as `rows`), the conflicting columns and the fallback each value went to. */
  readonly rowConflicts: ReadonlyArray<ReadonlyArray<{ readonly column: string; readonly fallback: string }>>;
}

/**
 * Places a table's rows against its columns as they are (`schema`); columns it lacks are planned
 * with the type of their first value, and later rows of the batch are judged against that plan.
 */
export function resolveRows(rows: readonly WarehouseRow[], schema: TableSchema): ResolvedRows {
  const planned = new Map<string, string>();
  const typeOf = (column: string) => schema.get(column) ?? planned.get(column);
  let conflicts = 0;
  const rowConflicts: Array<Array<{ column: string; fallback: string }>> = [];
  const resolved = rows.map((row) => {
    const out = new Map<string, string | number | boolean>();
    const kept: Array<{ column: string; fallback: string }> = [];
    rowConflicts.push(kept);
    for (const [column, value] of row.values) {
      let target = column;
      let type = typeOf(target);
      if (type === undefined) {
        planned.set(target, (type = columnTypeFor(value.kind)));
      }
      let parameter = parameterFor(type, value);
      if (parameter === undefined) {
        conflicts += 1;
        // The fallback is text; should a column of that name exist with another type, go one further.
        const asText: WarehouseValue = { kind: 'text', value: String(value.value) };
        do {
          target = fallbackColumn(target);
          type = typeOf(target);
          if (type === undefined) planned.set(target, (type = 'text'));
          parameter = parameterFor(type, asText);
        } while (parameter === undefined);
        kept.push({ column, fallback: target });
      }
      out.set(target, parameter);
    }
    return out;
  });
  return { rows: resolved, newColumns: planned, conflicts, rowConflicts };
}
