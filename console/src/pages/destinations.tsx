import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { get, post, rowsOf, type Page } from '../api/client.ts';
import { Empty, ErrorNote, Loading, Status } from '../components/states.tsx';
import { shortTime } from '../lib/format.ts';
import { useWorkspace } from './use-workspace.ts';

interface Destination {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
  disabled_reason: string | null;
  batch_size: number;
  signing_secret?: string;
}

interface Rule {
  id: string;
  name: string;
  destination_id: string;
  event_types: string[];
  event_names: string[];
  enabled: boolean;
}

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

function DestinationForm({ onCreated }: { onCreated: (destination: Destination) => void }) {
  const { root } = useWorkspace();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const create = useMutation({
    mutationFn: () => post<Destination>(`${root}/destinations`, { name, url }),
    onSuccess: (destination) => {
      setName('');
      setUrl('');
      onCreated(destination);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="card form" onSubmit={submit} aria-label="New destination">
      <h2>New webhook destination</h2>
      <div className="row wrap">
        <label className="field">
          <span className="label">Name</span>
          <input name="name" required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field grow">
          <span className="label">URL</span>
          <input name="url" type="url" required value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://hooks.example.com/tributary" />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Add
        </button>
      </div>
      <ErrorNote error={create.error} />
    </form>
  );
}

function RuleForm({ destinations, onCreated }: { destinations: Destination[]; onCreated: () => void }) {
  const { root } = useWorkspace();
  const [name, setName] = useState('');
  const [destinationId, setDestinationId] = useState('');
  const [types, setTypes] = useState('track');
  const [names, setNames] = useState('');
  const split = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);
  const create = useMutation({
    mutationFn: () =>
      post<Rule>(`${root}/event-forwarding-rules`, { name, destination_id: destinationId || destinations[0]?.id, event_types: split(types), event_names: split(names), enabled: true }),
    onSuccess: () => {
      setName('');
      setNames('');
      onCreated();
    },
  });
  return (
    <form
      className="card form"
      aria-label="New forwarding rule"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2>New forwarding rule</h2>
      <div className="row wrap">
        <label className="field">
          <span className="label">Name</span>
          <input name="rule-name" required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field">
          <span className="label">Destination</span>
          <select name="destination" value={destinationId} onChange={(event) => setDestinationId(event.target.value)}>
            {destinations.map((destination) => (
              <option key={destination.id} value={destination.id}>
                {destination.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="label">Event types</span>
          <input name="types" value={types} onChange={(event) => setTypes(event.target.value)} />
        </label>
        <label className="field">
          <span className="label">Event names (empty: all)</span>
          <input name="names" value={names} onChange={(event) => setNames(event.target.value)} />
        </label>
        <button type="submit" disabled={create.isPending || destinations.length === 0}>
          Add rule
        </button>
      </div>
      <ErrorNote error={create.error} />
    </form>
  );
}

/** Destinations, the rules that feed them, and deliveries with their attempts, dead letters and replays. */
export function DestinationsPage() {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const destinations = useQuery({ queryKey: [workspaceId, 'destinations'], queryFn: () => get<Destination[] | Page<Destination>>(`${root}/destinations`) });
  const rules = useQuery({ queryKey: [workspaceId, 'rules'], queryFn: () => get<Rule[] | Page<Rule>>(`${root}/event-forwarding-rules`) });
  const deliveries = useQuery({
    queryKey: [workspaceId, 'deliveries', 'list', status],
    queryFn: () => get<Page<Delivery>>(`${root}/deliveries`, { status, limit: 100 }),
    // Deliveries move by themselves while some are queued or being sent.
    refetchInterval: (query) => (query.state.data?.data.some((row) => row.status === 'pending' || row.status === 'delivering') ? 3000 : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [workspaceId, 'deliveries'] });
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
      <ErrorNote error={destinations.error ?? rules.error} />
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
                {destination.disabled_reason ? <span className="muted"> {destination.disabled_reason}</span> : null}
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
              <select name="delivery-status" value={status} onChange={(event) => setStatus(event.target.value)}>
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
      </div>
    </section>
  );
}
