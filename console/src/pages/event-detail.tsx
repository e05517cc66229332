import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { get, type Page } from '../api/client.ts';
import { ErrorNote, Loading, Status } from '../components/states.tsx';
import { pretty, shortTime } from '../lib/format.ts';
import type { CanonicalEvent, IncomingRow } from '../api/types.ts';
import { useWorkspace } from './use-workspace.ts';

/** One canonical event with the inbox row it came from and where it was delivered. */
export function EventDetailPage() {
  const { workspaceId, root } = useWorkspace();
  const { eventId = '' } = useParams();
  // The operator reads one event through the public route by naming the workspace; a workspace
  // API key ignores the parameter and uses its own.
  const event = useQuery({
    queryKey: [workspaceId, 'event', eventId],
    queryFn: () => get<CanonicalEvent>(`/api/v1/public/authenticated/events/${encodeURIComponent(eventId)}`, { workspace_id: workspaceId }),
  });
  const deliveries = useQuery({
    queryKey: [workspaceId, 'deliveries', 'event', eventId],
    queryFn: () => get<Page<{ id: string; status: string; destination_id: string; attempt_count: number; last_error: string | null }>>(`${root}/deliveries`, { event_id: eventId }),
  });
  const inboxId = event.data?.inbox_id;
  const inbox = useQuery({
    queryKey: [workspaceId, 'incoming', 'one', inboxId],
    enabled: Boolean(inboxId),
    queryFn: () => get<IncomingRow>(`/api/v1/public/authenticated/events/incoming/${inboxId}`, { workspace_id: workspaceId }),
  });
  return (
    <section>
      <p>
        <Link to={`/w/${workspaceId}/events`}>← Incoming / Events</Link>
      </p>
      <h1>{event.data ? (event.data.event ?? event.data.type) : 'Event'}</h1>
      {event.isPending ? <Loading /> : null}
      <ErrorNote error={event.error} />
      {event.data ? (
        <div className="grid-2">
          <div className="card">
            <h2>Canonical event</h2>
            <p className="muted">
              {event.data.id} · {shortTime(event.data.timestamp)}
            </p>
            <pre className="json">{pretty(event.data)}</pre>
          </div>
          <div>
            <div className="card">
              <h2>Inbox row</h2>
              {inbox.data ? (
                <dl className="facts">
                  <dt>Status</dt>
                  <dd>
                    <Status value={inbox.data.status} />
                  </dd>
                  <dt>API</dt>
                  <dd>{inbox.data.api}</dd>
                  <dt>Retries</dt>
                  <dd>{inbox.data.retry_count}</dd>
                  <dt>Received</dt>
                  <dd>{shortTime(inbox.data.received_at)}</dd>
                  <dt>Processed</dt>
                  <dd>{shortTime(inbox.data.processed_at)}</dd>
                </dl>
              ) : (
                <ErrorNote error={inbox.error} />
              )}
            </div>
            <div className="card">
              <h2>Deliveries</h2>
              <ErrorNote error={deliveries.error} />
              {deliveries.data?.data.length === 0 ? <p className="muted">Not forwarded anywhere.</p> : null}
              <ul>
                {deliveries.data?.data.map((delivery) => (
                  <li key={delivery.id}>
                    <Status value={delivery.status} /> {delivery.attempt_count} attempt(s) {delivery.last_error ? `· ${delivery.last_error}` : ''}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}
