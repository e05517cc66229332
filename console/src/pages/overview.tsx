import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get, type IncomingPage, type Page } from '../api/client.ts';
import type { Delivery } from '../api/types.ts';
import { ErrorNote, Empty, FirstEventHint, Loading, Status } from '../components/states.tsx';
import { VolumeChart } from '../components/volume-chart.tsx';
import { timeAgo } from '../lib/format.ts';
import { hourlySeries, topNames, type VolumeRow } from '../lib/volume.ts';
import { useWorkspace } from './use-workspace.ts';

interface InboxRow {
  id: string;
  status: string;
  received_at: string | null;
}

/** Counts a list's first page; "200+" when there are more. */
function countLabel(page: Page<unknown> | undefined): string {
  if (!page) return '…';
  return page.has_more ? `${page.data.length}+` : String(page.data.length);
}

function Stat({ label, value, to, warn }: { label: string; value: string; to?: string; warn?: boolean }) {
  const body = (
    <>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </>
  );
  return <div className={warn ? 'stat warn' : 'stat'}>{to ? <Link to={to}>{body}</Link> : body}</div>;
}

/** Volume of the last 24 hours, what is failing, and how far behind ingestion is. */
export function OverviewPage() {
  const { workspaceId, root } = useWorkspace();
  const volume = useQuery({ queryKey: [workspaceId, 'volume'], queryFn: () => get<VolumeRow[]>(`${root}/event-volume`, { hours: 24 }), refetchInterval: 30_000 });
  const failed = useQuery({ queryKey: [workspaceId, 'incoming', 'failed'], queryFn: () => get<Page<InboxRow>>(`${root}/events/incoming`, { status: 'failed', limit: 200 }) });
  const blocked = useQuery({ queryKey: [workspaceId, 'incoming', 'blocked'], queryFn: () => get<Page<InboxRow>>(`${root}/events/incoming`, { status: 'blocked', limit: 200 }) });
  const waiting = useQuery({
    queryKey: [workspaceId, 'incoming', 'received'],
    queryFn: () => get<IncomingPage<InboxRow>>(`${root}/events/incoming`, { status: 'received', limit: 200 }),
    refetchInterval: 10_000,
  });
  const deliveriesFailed = useQuery({ queryKey: [workspaceId, 'deliveries', 'failed'], queryFn: () => get<Page<Delivery>>(`${root}/deliveries`, { status: 'failed', limit: 200 }) });
  // A delivery being retried after an error is failing too, though not final: `pending` with a last error.
  const deliveriesRetrying = useQuery({
    queryKey: [workspaceId, 'deliveries', 'pending'],
    queryFn: () => get<Page<Delivery>>(`${root}/deliveries`, { status: 'pending', limit: 200 }),
    refetchInterval: 10_000,
  });
  const deliveriesDead = useQuery({ queryKey: [workspaceId, 'deliveries', 'dead'], queryFn: () => get<Page<Delivery>>(`${root}/deliveries`, { status: 'dead', limit: 200 }) });

  // The oldest row still waiting (lists are newest first) is how far behind ingestion is.
  const oldestWaiting = waiting.data?.data.at(-1)?.received_at;
  const series = volume.data ? hourlySeries(volume.data, 24) : null;
  const total = series?.count.reduce((sum, count) => sum + count, 0) ?? 0;
  const retrying = (deliveriesRetrying.data?.data ?? []).filter((delivery) => delivery.last_error !== null);
  const failing = [...(deliveriesFailed.data?.data ?? []), ...(deliveriesDead.data?.data ?? []), ...retrying];
  const failingDeliveries = failing.length;
  const latestFailing = [...failing]
    .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
    .slice(0, 5);

  return (
    <section>
      <h1>Overview</h1>
      <div className="stats">
        <Stat label="events, last 24 h" value={volume.data ? String(total) : '…'} />
        <Stat
          label={waiting.data && waiting.data.pending > 0 ? `ingestion lag, ${waiting.data.pending} on the way` : 'ingestion lag'}
          value={waiting.data ? (oldestWaiting ? timeAgo(oldestWaiting).replace(' ago', '') : '0 s') : '…'}
        />
        <Stat label="failed events" value={countLabel(failed.data)} to={`/w/${workspaceId}/events?status=failed`} warn={(failed.data?.data.length ?? 0) > 0} />
        <Stat label="blocked events" value={countLabel(blocked.data)} to={`/w/${workspaceId}/events?status=blocked`} warn={(blocked.data?.data.length ?? 0) > 0} />
        <Stat
          label={retrying.length > 0 ? `deliveries failing, ${retrying.length} retrying` : 'deliveries failing'}
          value={deliveriesFailed.data || deliveriesDead.data || deliveriesRetrying.data ? String(failingDeliveries) : deliveriesFailed.isError ? 'n/a' : '…'}
          to={`/w/${workspaceId}/destinations`}
          warn={failingDeliveries > 0}
        />
      </div>
      <div className="card">
        <h2>Events per hour</h2>
        {volume.isPending ? <Loading /> : null}
        <ErrorNote error={volume.error} />
        {series ? <VolumeChart at={series.at} count={series.count} /> : null}
        {volume.data && total === 0 ? (
          <Empty title="No events in the last 24 hours.">
            <FirstEventHint workspaceId={workspaceId} />
          </Empty>
        ) : null}
        {volume.data && total > 0 ? (
          <table className="table compact">
            <thead>
              <tr>
                <th>Event</th>
                <th>Type</th>
                <th className="num">Count</th>
              </tr>
            </thead>
            <tbody>
              {topNames(volume.data).map((row) => (
                <tr key={row.type + row.name}>
                  <td>{row.name}</td>
                  <td>{row.type}</td>
                  <td className="num">{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      {latestFailing.length > 0 ? (
        <div className="card">
          <h2>Failing deliveries</h2>
          <table className="table compact" aria-label="Failing deliveries">
            <tbody>
              {latestFailing.map((delivery) => (
                <tr key={delivery.id}>
                  <td>
                    <Status value={delivery.status} />
                  </td>
                  <td>
                    <Link to={`/w/${workspaceId}/events/${delivery.event_id}`}>{delivery.event_id.slice(0, 8)}…</Link>
                  </td>
                  <td className="error-cell">{delivery.last_error ?? ''}</td>
                  <td className="num">{delivery.attempt_count} attempt(s)</td>
                  <td>{timeAgo(delivery.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Link to={`/w/${workspaceId}/destinations`}>All deliveries →</Link>
        </div>
      ) : null}
      <ErrorNote error={failed.error ?? deliveriesFailed.error} />
    </section>
  );
}
