import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, type Page } from '../../api/client.ts';
import { Empty, ErrorNote, Loading } from '../../components/states.tsx';
import { pretty, shortTime } from '../../lib/format.ts';
import { STAGES, inboundEvents, stageOf } from '../../lib/sequence.ts';
import { useWorkspace } from '../use-workspace.ts';

interface DomainEvent {
  id: number;
  inbound_event_id: string;
  sequence: number;
  name: string;
  payload: unknown;
  created_at: string;
}

/**
 * One inbound event's domain events drawn as seed 002's sequence: a numbered step per event, placed
 * in the lane of its stage (opportunity → engagement → transaction → conversion → obligation →
 * fulfillment), so the flow reads top to bottom and across.
 */
function Sequence({ events }: { events: DomainEvent[] }) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div className="sequence" role="list" aria-label="Domain-event sequence">
      <div className="lanes" aria-hidden="true">
        {STAGES.map((stage) => (
          <span key={stage} className={`lane-title stage-${stage}`}>
            {stage}
          </span>
        ))}
      </div>
      {events.map((event) => {
        const lane = STAGES.indexOf(stageOf(event.name));
        return (
          <div key={event.id} className="step" role="listitem" style={{ ['--lane' as string]: lane }}>
            <button type="button" className={`step-node stage-${stageOf(event.name)}`} aria-expanded={open === event.id} onClick={() => setOpen(open === event.id ? null : event.id)}>
              <span className="step-number">{event.sequence}</span> {event.name}
            </button>
            {open === event.id ? <pre className="json step-payload">{pretty(event.payload)}</pre> : null}
          </div>
        );
      })}
    </div>
  );
}

/** The domain-event log: pick an inbound event (or paste its X-Event-Id) and see its flow. */
export function DomainEventsTab({ inboundEventId, onPick }: { inboundEventId: string; onPick: (id: string) => void }) {
  const { workspaceId, root } = useWorkspace();
  const [draft, setDraft] = useState(inboundEventId);
  const recent = useQuery({ queryKey: [workspaceId, 'domain-events', 'recent'], queryFn: () => get<Page<DomainEvent>>(`${root}/domain-events`, { limit: 200 }) });
  const flow = useQuery({
    queryKey: [workspaceId, 'domain-events', inboundEventId],
    enabled: Boolean(inboundEventId),
    queryFn: () => get<Page<DomainEvent>>(`${root}/domain-events`, { inbound_event_id: inboundEventId, limit: 200 }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onPick(draft.trim());
  };
  const sorted = [...(flow.data?.data ?? [])].sort((a, b) => a.sequence - b.sequence);
  return (
    <div className="split">
      <div className="list-nav">
        <form onSubmit={submit} aria-label="Find an inbound event">
          <label className="field">
            <span className="label">Inbound event id (X-Event-Id or act_…)</span>
            <input name="inbound_event_id" value={draft} onChange={(event) => setDraft(event.target.value)} />
          </label>
          <button type="submit">Show</button>
        </form>
        <ErrorNote error={recent.error} />
        <ul>
          {recent.data
            ? inboundEvents(recent.data.data).map((item) => (
                <li key={item.id}>
                  <button
                    type="button"
                    className={item.id === inboundEventId ? 'selected' : ''}
                    onClick={() => {
                      setDraft(item.id);
                      onPick(item.id);
                    }}
                  >
                    <strong>{item.first}</strong>
                    <span className="muted">
                      {item.count} events · {shortTime(item.at)}
                    </span>
                  </button>
                </li>
              ))
            : null}
        </ul>
      </div>
      <div className="grow card">
        {!inboundEventId ? <Empty title="Pick an inbound event to see the domain events it dispatched." /> : null}
        {flow.isFetching && !flow.data ? <Loading /> : null}
        <ErrorNote error={flow.error} />
        {flow.data && sorted.length === 0 ? <Empty title="No domain events under this id." /> : null}
        {sorted.length > 0 ? (
          <>
            <h2 className="mono">{inboundEventId}</h2>
            <Sequence events={sorted} />
          </>
        ) : null}
      </div>
    </div>
  );
}
