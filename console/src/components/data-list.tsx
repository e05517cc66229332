import { Fragment, type ReactNode } from 'react';
import { Pager, type usePager } from './pager.tsx';
import { Empty, ErrorNote, Loading } from './states.tsx';

/** One column of a list: its header and how a row fills its cell. */
export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** `num` right-aligns numbers; `actions`, `mono`, `error-cell` as in styles.css. */
  className?: string;
}

/** What a list reads from its query: react-query's result, or anything of the same shape. */
export interface ListQuery<T> {
  isPending: boolean;
  error: unknown;
  rows: readonly T[] | undefined;
}

export interface DataListProps<T> {
  /** The table's accessible name, which tests and screen readers find it by. */
  label: string;
  query: ListQuery<T>;
  columns: ReadonlyArray<Column<T>>;
  rowKey: (row: T) => string | number;
  /** What to do next when there are no rows: a title, or an `<Empty>` with more. */
  empty: ReactNode;
  /** Cursor paging under the table (newest-first lists). */
  pager?: { pager: ReturnType<typeof usePager>; nextCursor: string | null | undefined };
  /** Clicking a row selects it; the selected row is highlighted. */
  onRowClick?: (row: T) => void;
  selected?: (row: T) => boolean;
  rowProps?: (row: T) => Record<string, string>;
  /** `card`: the table in its own scrolling card; `bare`: inside the caller's card. */
  frame?: 'card' | 'bare';
  compact?: boolean;
  /** A row's details, drawn under it across the table when not null (a delivery's attempts). */
  expanded?: (row: T) => ReactNode;
}

/**
 * The sequence every list page shows: loading, the API error with its code, what to do when
 * empty, the table, and the pager. Pages declare their columns; this draws them the same way.
 */
export function DataList<T>({ label, query, columns, rowKey, empty, pager, onRowClick, selected, rowProps, frame = 'card', compact, expanded }: DataListProps<T>) {
  const rows = query.rows;
  const classes = ['table', onRowClick ? 'clickable' : '', compact ? 'compact' : ''].filter(Boolean).join(' ');
  return (
    <>
      <ErrorNote error={query.error} />
      {query.isPending ? <Loading /> : null}
      {rows && rows.length === 0 ? typeof empty === 'string' ? <Empty title={empty} /> : empty : null}
      {rows && rows.length > 0 ? (
        <div className={frame === 'card' ? 'card scroll' : 'scroll'}>
          <table className={classes} aria-label={label}>
            <thead>
              <tr>
                {columns.map((column, index) => (
                  <th key={index} className={column.className === 'num' ? 'num' : undefined}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const details = expanded?.(row);
                return (
                  <Fragment key={rowKey(row)}>
                    <tr className={selected?.(row) ? 'selected' : undefined} onClick={onRowClick ? () => onRowClick(row) : undefined} {...rowProps?.(row)}>
                      {columns.map((column, index) => (
                        <td key={index} className={column.className}>
                          {column.cell(row)}
                        </td>
                      ))}
                    </tr>
                    {details ? (
                      <tr className="attempts">
                        <td colSpan={columns.length}>{details}</td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {pager ? <Pager pager={pager.pager} nextCursor={pager.nextCursor} label={label} /> : null}
    </>
  );
}

/** A react-query result over a page or a bare array, as DataList reads it. */
export function listOf<T>(query: { isPending: boolean; error: unknown; data?: { data: T[] } | T[] | undefined }): ListQuery<T> {
  const data = query.data;
  return { isPending: query.isPending, error: query.error, rows: data === undefined ? undefined : Array.isArray(data) ? data : data.data };
}
