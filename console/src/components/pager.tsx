import { useState } from 'react';

/**
 * Cursor paging over a newest-first list: a stack of the cursors that led to the current page, so
 * "Newer" goes back exactly one page. `reset` returns to the first page when filters change.
 */
export function usePager() {
  const [stack, setStack] = useState<string[]>([]);
  return {
    cursor: stack.at(-1),
    onFirstPage: stack.length === 0,
    older: (next: string) => setStack((previous) => [...previous, next]),
    newer: () => setStack((previous) => previous.slice(0, -1)),
    reset: () => setStack([]),
  };
}

/** "Newer" and "Older" buttons under a list. */
export function Pager({ pager, nextCursor, label }: { pager: ReturnType<typeof usePager>; nextCursor: string | null | undefined; label: string }) {
  if (pager.onFirstPage && !nextCursor) return null;
  return (
    <nav className="row pager" aria-label={`${label} pages`}>
      <button type="button" onClick={pager.newer} disabled={pager.onFirstPage}>
        ← Newer
      </button>
      <button type="button" onClick={() => nextCursor && pager.older(nextCursor)} disabled={!nextCursor}>
        Older →
      </button>
    </nav>
  );
}
