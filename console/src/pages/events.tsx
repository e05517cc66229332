import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { get, post, type IncomingPage, type Page } from '../api/client.ts';
import type { CanonicalEvent, IncomingRow } from '../api/types.ts';
import { ActionNote, useAction } from '../components/action.tsx';
import { DataList, listOf } from '../components/data-list.tsx';
import { usePager } from '../components/pager.tsx';
import { Empty, FirstEventHint, Status } from '../components/states.tsx';
import { shortTime } from '../lib/format.ts';
import { incomingPollInterval, isRetryable } from '../lib/polling.ts';
import { useWorkspace } from './use-workspace.ts';

const FILTERS = ['event_type', 'source', 'q', 'status', 'from', 'to'] as const;
const INBOX_STATUSES = ['', 'received', 'processing', 'processed', 'failed', 'blocked'];

/** `datetime-local` text (local time) to ISO, or empty. */
function toIso(local: string): string {
  if (!local) return '';
  const ms = Date.parse(local);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString();
}

function toLocal(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

/**
 * Seed 004: canonical events and the incoming inbox load in parallel; the inbox is polled every
 * 5 s while a row is received or processing and the tab is visible. Filters live in the URL so a
 * view can be shared.
 */
export function EventsPage() {
  const { workspaceId, root } = useWorkspace();
  const [params, setParams] = useSearchParams();
  const filter = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const [draft, setDraft] = useState(filter);

  const incomingPager = usePager();
  const eventsPager = usePager();
  const incoming = useQuery({
    queryKey: [workspaceId, 'incoming', 'list', filter.status, filter.from, filter.to, incomingPager.cursor],
    queryFn: () =>
      get<IncomingPage<IncomingRow>>(`${root}/events/incoming`, { status: filter.status, from: filter.from, to: filter.to, limit: 50, cursor: incomingPager.cursor }),
    // Older pages do not change by themselves; only the newest is polled.
    refetchInterval: (query) => (incomingPager.onFirstPage ? incomingPollInterval(query.state.data) : false),
  });
  const events = useQuery({
    queryKey: [workspaceId, 'events', 'list', filter.event_type, filter.source, filter.q, filter.from, filter.to, eventsPager.cursor],
    queryFn: () =>
      get<Page<CanonicalEvent>>(`${root}/events`, {
        event_type: filter.event_type,
        source: filter.source,
        q: filter.q,
        from: filter.from,
        to: filter.to,
        limit: 50,
        cursor: eventsPager.cursor,
      }),
    // While the inbox is still working, canonical events keep appearing: refresh them with it.
    refetchInterval: () => (eventsPager.onFirstPage ? incomingPollInterval(incoming.data) : false),
  });
  const retry = useAction({
    run: (row: IncomingRow) => post<IncomingRow>(`${root}/events/incoming/${row.id}/retry`),
    // The row moves back to received, then to processed: its event appears in both lists.
    refresh: [[workspaceId, 'incoming'], [workspaceId, 'events']],
    done: (row, before) => `Event ${row.id.slice(0, 8)}… (was ${before.status}) is queued again as ${row.status}; this list refreshes while it is processed.`,
  });

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const key of FILTERS) if (draft[key]) next.set(key, draft[key]);
    incomingPager.reset();
    eventsPager.reset();
    setParams(next);
  };
  const polling = incomingPager.onFirstPage && incomingPollInterval(incoming.data) !== false;

  return (
    <section>
      <h1>Incoming / Events</h1>
      <form className="filters" onSubmit={apply} aria-label="Filters">
        <label className="field">
          <span className="label">Event type</span>
          <input name="event_type" value={draft.event_type} onChange={(e) => setDraft({ ...draft, event_type: e.target.value })} placeholder="purchase" />
        </label>
        <label className="field">
          <span className="label">Source</span>
          <input name="source" value={draft.source} onChange={(e) => setDraft({ ...draft, source: e.target.value })} />
        </label>
        <label className="field">
          <span className="label">Inbox status</span>
          <select name="status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            {INBOX_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status || 'any'}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="label">From</span>
          <input type="datetime-local" name="from" value={toLocal(draft.from || null)} onChange={(e) => setDraft({ ...draft, from: toIso(e.target.value) })} />
        </label>
        <label className="field">
          <span className="label">To</span>
          <input type="datetime-local" name="to" value={toLocal(draft.to || null)} onChange={(e) => setDraft({ ...draft, to: toIso(e.target.value) })} />
        </label>
        <label className="field grow">
          <span className="label">Search</span>
          <input name="q" type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder="email, user id, name…" />
        </label>
        <button type="submit" className="primary">
          Apply
        </button>
      </form>

      <div className="card">
        <div className="row spread">
          <h2>Incoming</h2>
          <span className="muted" role="status">
            {polling ? 'refreshing every 5 s while events are in flight' : 'up to date'}
          </span>
        </div>
        <ActionNote action={retry} />
        {incoming.data && incoming.data.pending > 0 ? (
          <p className="muted" role="note">
            {incoming.data.pending} accepted {incoming.data.pending === 1 ? 'event is' : 'events are'} on the way into the inbox: Segment
            requests are kept whole until a worker splits them into rows.
          </p>
        ) : null}
        <DataList
          label="Incoming events"
          frame="bare"
          query={listOf(incoming)}
          rowKey={(row) => row.id}
          rowProps={(row) => ({ 'data-status': row.status })}
          pager={{ pager: incomingPager, nextCursor: incoming.data?.next_cursor }}
          empty={
            <Empty title="Nothing received with these filters.">
              <FirstEventHint workspaceId={workspaceId} />
            </Empty>
          }
          columns={[
            { header: 'Received', cell: (row) => shortTime(row.received_at) },
            { header: 'API', cell: (row) => row.api },
            { header: 'Status', cell: (row) => <Status value={row.status} /> },
            { header: 'Error', className: 'error-cell', cell: (row) => row.process_error ?? '' },
            { header: 'Retryable', cell: (row) => (row.status === 'failed' || row.status === 'blocked' ? (row.retryable ? 'yes' : 'no') : '') },
            { header: 'Retries', className: 'num', cell: (row) => row.retry_count },
            { header: 'Event', cell: (row) => (row.event_id ? <Link to={`/w/${workspaceId}/events/${row.event_id}`}>open</Link> : <span className="muted">—</span>) },
            {
              header: '',
              cell: (row) =>
                isRetryable(row.status) ? (
                  <button type="button" onClick={() => retry.mutate(row)} disabled={retry.isPending}>
                    Retry
                  </button>
                ) : null,
            },
          ]}
        />
      </div>

      <div className="card">
        <h2>Events</h2>
        <DataList
          label="Canonical events"
          frame="bare"
          query={listOf(events)}
          rowKey={(event) => event.id}
          pager={{ pager: eventsPager, nextCursor: events.data?.next_cursor }}
          empty="No canonical events with these filters."
          columns={[
            { header: 'Time', cell: (event) => shortTime(event.timestamp) },
            { header: 'Type', cell: (event) => event.type },
            { header: 'Name', cell: (event) => <Link to={`/w/${workspaceId}/events/${event.id}`}>{event.event ?? event.event_type}</Link> },
            { header: 'User / email', className: 'mono', cell: (event) => event.user_id ?? event.email ?? '—' },
            { header: 'Source', cell: (event) => event.source ?? '—' },
            { header: 'Status', cell: (event) => event.status ?? '—' },
          ]}
        />
      </div>
    </section>
  );
}
