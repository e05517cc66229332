import { useQuery } from '@tanstack/react-query';
import { get, type Page } from '../api/client.ts';
import type { Delivery, DestinationTestResult } from '../api/types.ts';
import { perMinute, Sparkline } from '../components/sparkline.tsx';
import { useWorkspace } from './use-workspace.ts';

/** What a destination test answered: the verdict in words, the status, the latency and the start of the answer. */
export function TestResult({ result, onClose }: { result: DestinationTestResult; onClose: () => void }) {
  return (
    <div className={result.ok ? 'card ok' : 'card error-note'} role="status" aria-label="Test result">
      <strong>{result.ok ? 'Accepted' : 'Not accepted'}</strong> · {result.classification} · status {result.status_code ?? 'no answer'} · {result.latency_ms} ms
      {result.error ? <div className="mono">{result.error}</div> : null}
      {result.response ? <pre className="mono small">{result.response}</pre> : null}
      <button type="button" className="link-button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}

/** Deliveries sent per minute over the last hour (from its latest 500 deliveries), as a sparkline. */
export function DestinationThroughput({ destinationId }: { destinationId: string }) {
  const { workspaceId, root } = useWorkspace();
  const recent = useQuery({
    queryKey: [workspaceId, 'deliveries', 'throughput', destinationId],
    queryFn: () => get<Page<Delivery>>(`${root}/deliveries`, { destination_id: destinationId, limit: 500 }),
    refetchInterval: 30_000,
  });
  if (!recent.data) return null;
  const times = recent.data.data.flatMap((delivery) => (delivery.delivered_at ? [Date.parse(delivery.delivered_at)] : []));
  const { at, count } = perMinute(times, Date.now());
  return <Sparkline at={at} count={count} label={`${times.length} deliveries in the last hour`} />;
}

/** The listed deliveries that failed or died, counted by reason: what to fix before replaying. */
export function FailureReasons({ deliveries }: { deliveries: Delivery[] }) {
  const reasons = new Map<string, number>();
  for (const delivery of deliveries) {
    if (delivery.status !== 'failed' && delivery.status !== 'dead') continue;
    const reason = delivery.last_error ?? 'no reason recorded';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  if (reasons.size === 0) return null;
  return (
    <div aria-label="Failures by reason">
      <h3>Failures by reason</h3>
      <ul className="plain">
        {[...reasons.entries()]
          .sort((a, b) => b[1] - a[1])
          .map(([reason, count]) => (
            <li key={reason}>
              <strong>{count}</strong> <span className="mono">{reason}</span>
            </li>
          ))}
      </ul>
    </div>
  );
}
