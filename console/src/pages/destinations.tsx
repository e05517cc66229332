import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { get, post, put, rowsOf, type Page } from '../api/client.ts';
import { Pager, usePager } from '../components/pager.tsx';
import { Empty, ErrorNote, Loading, Status } from '../components/states.tsx';
import { shortTime } from '../lib/format.ts';
import { DestinationForm, RuleForm, type Destination, type Rule } from './destination-forms.tsx';
import { useWorkspace } from './use-workspace.ts';

interface Attempt {
  attempted_at: string;
  status_code: number | null;
  latency_ms: number | null;
  error: string | null;
}

interface Delivery {
  id: string;
  destination_id: string;
  event_id: string;
  status: string;
  attempt_count: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
  attempts: Attempt[];
}

const STATUSES = ['', 'pending', 'delivering', 'delivered', 'failed', 'dead', 'dropped'];
const REPLAYABLE = new Set(['delivered', 'failed', 'dead', 'dropped']);

/** Destinations, the rules that feed them, and deliveries with their attempts, dead letters and replays. */
export function DestinationsPage() {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const destinations = useQuery({ queryKey: [workspaceId, 'destinations'], queryFn: () => get<Destination[] | Page<Destination>>(`${root}/destinations`) });
  const rules = useQuery({ queryKey: [workspaceId, 'rules'], queryFn: () => get<Rule[] | Page<Rule>>(`${root}/event-forwarding-rules`) });
  const pager = usePager();
  const deliveries = useQuery({
    queryKey: [workspaceId, 'deliveries', 'list', status, pager.cursor],
    queryFn: () => get<Page<Delivery>>(`${root}/deliveries`, { status, limit: 50, cursor: pager.cursor }),
    // Deliveries move by themselves while some are queued or being sent.
    refetchInterval: (query) => (query.state.data?.data.some((row) => row.status === 'pending' || row.status === 'delivering') ? 3000 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [workspaceId, 'deliveries'] });
  // Re-enabling is how a destination comes back after its receiver answered 410 Gone.
  const toggle = useMutation({
    mutationFn: (destination: Destination) => put<Destination>(`${root}/destinations/${destination.id}`, { enabled: !destination.enabled }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [workspaceId, 'destinations'] }),
  });
  const replayOne = useMutation({ mutationFn: (id: string) => post<Delivery>(`${root}/deliveries/${id}/replay`), onSuccess: refresh });
  const replayDead = useMutation({ mutationFn: () => post<{ replayed: number }>(`${root}/deliveries/replay`, {}), onSuccess: refresh });
  const destinationRows = rowsOf(destinations.data);
  const ruleRows = rowsOf(rules.data);
  const names = new Map((destinationRows ?? []).map((destination) => [destination.id, destination.name]));

  return (
    <section>
      <h1>Destinations and deliveries</h1>
      {secret ? (
        <div className="card highlight" role="alert">
          <p>Signing secret of the new destination, shown once: store it in your receiver to verify signatures.</p>
          <code className="secret">{secret}</code>{' '}
          <button type="button" onClick={() => setSecret(null)}>
            Done
          </button>
        </div>
      ) : null}
      <ErrorNote error={destinations.error ?? rules.error ?? toggle.error} />
      <div className="grid-2">
        <div className="card">
          <h2>Destinations</h2>
          {destinations.isPending ? <Loading /> : null}
          {destinationRows?.length === 0 ? <Empty title="No destinations: add a webhook URL to forward events." /> : null}
          <ul className="plain">
            {destinationRows?.map((destination) => (
              <li key={destination.id}>
                <strong>{destination.name}</strong> <span className="mono muted">{destination.url}</span>{' '}
                {destination.enabled ? <Status value="enabled" /> : <Status value="disabled" />}
                {destination.disabled_reason ? <span className="muted"> {destination.disabled_reason}</span> : null}{' '}
                <button type="button" className="link-button" onClick={() => toggle.mutate(destination)} disabled={toggle.isPending}>
                  {destination.enabled ? 'Disable' : 'Enable'}
                </button>
              </li>
            ))}
          </ul>
          <h3>Rules</h3>
          {ruleRows?.length === 0 ? <p className="muted">No rules: nothing is forwarded yet.</p> : null}
          <ul className="plain">
            {ruleRows?.map((rule) => (
              <li key={rule.id}>
                <strong>{rule.name}</strong> → {names.get(rule.destination_id) ?? rule.destination_id}{' '}
                <span className="muted">
                  {rule.event_types.join(', ') || 'all types'} · {rule.event_names.join(', ') || 'all names'}
                  {rule.transformation_id ? ' · transformed' : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <DestinationForm
            onCreated={(destination) => {
              setSecret(destination.signing_secret ?? null);
              void queryClient.invalidateQueries({ queryKey: [workspaceId, 'destinations'] });
            }}
          />
          <RuleForm destinations={destinationRows ?? []} onCreated={() => void queryClient.invalidateQueries({ queryKey: [workspaceId, 'rules'] })} />
        </div>
      </div>

      <div className="card">
        <div className="row wrap spread">
          <h2>Deliveries</h2>
          <div className="row">
            <label className="field">
              <span className="label">Status</span>
              <select
                name="delivery-status"
                value={status}
                onChange={(event) => {
                  pager.reset();
                  setStatus(event.target.value);
                }}
              >
                {STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {value || 'any'}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" onClick={() => replayDead.mutate()} disabled={replayDead.isPending}>
              Replay all dead letters
            </button>
          </div>
        </div>
        {replayDead.data ? <p className="ok">{replayDead.data.replayed} dead letter(s) queued again.</p> : null}
        <ErrorNote error={deliveries.error ?? replayOne.error ?? replayDead.error} />
        {deliveries.isPending ? <Loading /> : null}
        {deliveries.data?.data.length === 0 ? <Empty title="No deliveries with this status." /> : null}
        {deliveries.data && deliveries.data.data.length > 0 ? (
          <div className="scroll">
            <table className="table" aria-label="Deliveries">
              <thead>
                <tr>
                  <th>Created</th>
                  <th>Destination</th>
                  <th>Event</th>
                  <th>Status</th>
                  <th className="num">Attempts</th>
                  <th>Last error</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {deliveries.data.data.map((delivery) => (
                  <Fragment key={delivery.id}>
                    <tr data-status={delivery.status}>
                      <td>{shortTime(delivery.created_at)}</td>
                      <td>{names.get(delivery.destination_id) ?? delivery.destination_id.slice(0, 8)}</td>
                      <td>
                        <Link to={`/w/${workspaceId}/events/${delivery.event_id}`}>{delivery.event_id.slice(0, 8)}…</Link>
                      </td>
                      <td>
                        <Status value={delivery.status} />
                      </td>
                      <td className="num">
                        <button type="button" className="link-button" aria-expanded={open === delivery.id} onClick={() => setOpen(open === delivery.id ? null : delivery.id)}>
                          {delivery.attempt_count}
                        </button>
                      </td>
                      <td className="error-cell">{delivery.last_error ?? ''}</td>
                      <td>
                        {REPLAYABLE.has(delivery.status) ? (
                          <button type="button" onClick={() => replayOne.mutate(delivery.id)} disabled={replayOne.isPending}>
                            Replay
                          </button>
                        ) : null}
                      </td>
                    </tr>
                    {open === delivery.id ? (
                      <tr className="attempts">
                        <td colSpan={7}>
                          <ol>
                            {delivery.attempts.map((attempt) => (
                              <li key={attempt.attempted_at}>
                                {shortTime(attempt.attempted_at)} · {attempt.status_code ?? 'no answer'} · {attempt.latency_ms ?? '—'} ms {attempt.error ? `· ${attempt.error}` : ''}
                              </li>
                            ))}
                          </ol>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager pager={pager} nextCursor={deliveries.data?.next_cursor} label="Deliveries" />
      </div>
    </section>
  );
}
