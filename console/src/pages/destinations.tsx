import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { del, get, post, put, rowsOf, type Page } from '../api/client.ts';
import type { Delivery, Destination, DestinationTestResult, Rule } from '../api/types.ts';
import { ActionNote, useAction } from '../components/action.tsx';
import { AdminOnly } from '../components/admin-only.tsx';
import { DataList, listOf } from '../components/data-list.tsx';
import { usePager } from '../components/pager.tsx';
import { Empty, ErrorNote, Loading, Status } from '../components/states.tsx';
import { shortTime } from '../lib/format.ts';
import { DestinationForm, RuleForm } from './destination-forms.tsx';
import { DestinationThroughput, FailureReasons, TestResult } from './destination-status.tsx';
import { useWorkspace } from './use-workspace.ts';

const STATUSES = ['', 'pending', 'delivering', 'delivered', 'failed', 'dead', 'dropped'];
const REPLAYABLE = new Set(['delivered', 'failed', 'dead', 'dropped']);

/** Destinations, the rules that feed them, and deliveries with their attempts, dead letters and replays. */
export function DestinationsPage() {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const [destinationFilter, setDestinationFilter] = useState('');
  const [tested, setTested] = useState<{ id: string; result: DestinationTestResult } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const destinations = useQuery({ queryKey: [workspaceId, 'destinations'], queryFn: () => get<Destination[] | Page<Destination>>(`${root}/destinations`) });
  const rules = useQuery({ queryKey: [workspaceId, 'rules'], queryFn: () => get<Rule[] | Page<Rule>>(`${root}/event-forwarding-rules`) });
  const pager = usePager();
  const deliveries = useQuery({
    queryKey: [workspaceId, 'deliveries', 'list', status, destinationFilter, pager.cursor],
    queryFn: () => get<Page<Delivery>>(`${root}/deliveries`, { status, destination_id: destinationFilter, limit: 50, cursor: pager.cursor }),
    // Deliveries move by themselves while some are queued or being sent.
    refetchInterval: (query) => (query.state.data?.data.some((row) => row.status === 'pending' || row.status === 'delivering') ? 3000 : false),
  });
  const destinationKeys = [[workspaceId, 'destinations'], [workspaceId, 'rules'], [workspaceId, 'deliveries']];
  // Re-enabling is how a destination comes back after its receiver answered 410 Gone.
  const toggle = useAction({
    run: (destination: Destination) => put<Destination>(`${root}/destinations/${destination.id}`, { enabled: !destination.enabled }),
    refresh: destinationKeys,
    done: (destination) => `Destination “${destination.name}” ${destination.enabled ? 'enabled' : 'disabled'}.`,
  });
  // The API refuses while a rule still points at the destination (409, shown), so deleting never
  // silently stops a rule; its deliveries go with it.
  const remove = useAction({
    run: (destination: Destination) => del(`${root}/destinations/${destination.id}`),
    refresh: destinationKeys,
    done: (_result, destination) => `Destination “${destination.name}” deleted, with its deliveries.`,
  });
  const removeRule = useAction({
    run: (rule: Rule) => del(`${root}/event-forwarding-rules/${rule.id}`),
    refresh: [[workspaceId, 'rules']],
    done: (_result, rule) => `Rule “${rule.name}” deleted: its events are no longer forwarded.`,
  });
  // A test sends one sample event and says what the destination answered; it changes nothing.
  const test = useAction({
    run: async (destination: Destination) => ({ id: destination.id, result: await post<DestinationTestResult>(`${root}/destinations/${destination.id}/test`) }),
    refresh: [],
    onSuccess: (answer) => setTested(answer),
    done: (answer, destination) => `Tested “${destination.name}”: ${answer.result.ok ? 'accepted' : 'not accepted'}.`,
  });
  const replayOne = useAction({
    run: (id: string) => post<Delivery>(`${root}/deliveries/${id}/replay`),
    refresh: [[workspaceId, 'deliveries']],
    done: (delivery) => `Delivery ${delivery.id.slice(0, 8)}… queued again.`,
  });
  const replayDead = useAction({
    run: () => post<{ replayed: number }>(`${root}/deliveries/replay`, destinationFilter ? { destination_id: destinationFilter } : {}),
    refresh: [[workspaceId, 'deliveries']],
    done: (answer) => `${answer.replayed} dead letter(s) queued again.`,
  });
  const destinationRows = rowsOf(destinations.data);
  const ruleRows = rowsOf(rules.data);
  const names = new Map((destinationRows ?? []).map((destination) => [destination.id, destination.name]));
  const lastAction = [remove, toggle, removeRule, test]
    .filter((action) => action.said || action.error)
    .sort((a, b) => b.submittedAt - a.submittedAt)[0];

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
      {said ? (
        <p className="ok" role="status">
          {said}
        </p>
      ) : null}
      {lastAction ? <ActionNote action={lastAction} /> : null}
      <div className="grid-2">
        <div className="card">
          <h2>Destinations</h2>
          {destinations.isPending ? <Loading /> : null}
          {destinationRows?.length === 0 ? <Empty title="No destinations: add a webhook URL to forward events." /> : null}
          <ul className="plain" aria-label="Destinations">
            {destinationRows?.map((destination) => (
              <li key={destination.id}>
                <strong>{destination.name}</strong> <span className="badge">{destination.type}</span> <span className="mono muted">{destination.url}</span>{' '}
                <DestinationThroughput destinationId={destination.id} />{' '}
                {destination.enabled ? <Status value="enabled" /> : <Status value="disabled" />}
                {destination.disabled_reason ? <span className="muted"> {destination.disabled_reason}</span> : null}{' '}
                <button type="button" className="link-button" onClick={() => setDestinationFilter(destination.id)}>
                  Deliveries
                </button>{' '}
                <AdminOnly what="Changing a destination">
                  <button type="button" className="link-button" onClick={() => test.mutate(destination)} disabled={test.isPending}>
                    Test
                  </button>{' '}
                  <button type="button" className="link-button" onClick={() => setEditing(editing === destination.id ? null : destination.id)}>
                    Edit
                  </button>{' '}
                  <button type="button" className="link-button" onClick={() => toggle.mutate(destination)} disabled={toggle.isPending}>
                    {destination.enabled ? 'Disable' : 'Enable'}
                  </button>{' '}
                  <button
                    type="button"
                    className="link-button danger"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(`Delete “${destination.name}” and its forwarding rules?`)) remove.mutate(destination);
                    }}
                  >
                    Delete
                  </button>
                </AdminOnly>
                {tested?.id === destination.id ? <TestResult result={tested.result} onClose={() => setTested(null)} /> : null}
                {editing === destination.id ? (
                  <DestinationForm
                    destination={destination}
                    onCancel={() => setEditing(null)}
                    onSaved={(saved) => {
                      setEditing(null);
                      setSaid(`Destination “${saved.name}” saved.`);
                      void queryClient.invalidateQueries({ queryKey: [workspaceId, 'destinations'] });
                    }}
                  />
                ) : null}
              </li>
            ))}
          </ul>
          <h3>Rules</h3>
          {ruleRows?.length === 0 ? <p className="muted">No rules: nothing is forwarded yet.</p> : null}
          <ul className="plain" aria-label="Rules">
            {ruleRows?.map((rule) => (
              <li key={rule.id}>
                <strong>{rule.name}</strong> → {names.get(rule.destination_id) ?? rule.destination_id}{' '}
                <span className="muted">
                  {rule.event_types.join(', ') || 'all types'} · {rule.event_names.join(', ') || 'all names'}
                  {rule.transformation_id ? ' · transformed' : ''}
                </span>{' '}
                <AdminOnly what="Deleting a rule">
                  <button
                    type="button"
                    className="link-button danger"
                    disabled={removeRule.isPending}
                    onClick={() => {
                      if (window.confirm(`Delete the rule “${rule.name}”?`)) removeRule.mutate(rule);
                    }}
                  >
                    Delete
                  </button>
                </AdminOnly>
              </li>
            ))}
          </ul>
        </div>
        <AdminOnly what="Adding a destination or a forwarding rule">
          <div>
            <DestinationForm
              onSaved={(destination) => {
                setSecret(destination.signing_secret ?? null);
                void queryClient.invalidateQueries({ queryKey: [workspaceId, 'destinations'] });
              }}
            />
            <RuleForm destinations={destinationRows ?? []} onCreated={() => void queryClient.invalidateQueries({ queryKey: [workspaceId, 'rules'] })} />
          </div>
        </AdminOnly>
      </div>

      <div className="card">
        <div className="row wrap spread">
          <h2>Deliveries</h2>
          <div className="row">
            <label className="field">
              <span className="label">Destination</span>
              <select
                name="delivery-destination"
                value={destinationFilter}
                onChange={(event) => {
                  pager.reset();
                  setDestinationFilter(event.target.value);
                }}
              >
                <option value="">any</option>
                {destinationRows?.map((destination) => (
                  <option key={destination.id} value={destination.id}>
                    {destination.name}
                  </option>
                ))}
              </select>
            </label>
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
        <ActionNote action={replayDead} />
        <FailureReasons deliveries={deliveries.data?.data ?? []} />
        <ActionNote action={replayOne} />
        <DataList
          label="Deliveries"
          frame="bare"
          query={listOf(deliveries)}
          rowKey={(delivery) => delivery.id}
          rowProps={(delivery) => ({ 'data-status': delivery.status })}
          empty="No deliveries with this status."
          pager={{ pager, nextCursor: deliveries.data?.next_cursor }}
          columns={[
            { header: 'Created', cell: (delivery) => shortTime(delivery.created_at) },
            { header: 'Destination', cell: (delivery) => names.get(delivery.destination_id) ?? delivery.destination_id.slice(0, 8) },
            { header: 'Event', cell: (delivery) => <Link to={`/w/${workspaceId}/events/${delivery.event_id}`}>{delivery.event_id.slice(0, 8)}…</Link> },
            { header: 'Status', cell: (delivery) => <Status value={delivery.status} /> },
            {
              header: 'Attempts',
              className: 'num',
              cell: (delivery) => (
                <button type="button" className="link-button" aria-expanded={open === delivery.id} onClick={() => setOpen(open === delivery.id ? null : delivery.id)}>
                  {delivery.attempt_count}
                </button>
              ),
            },
            { header: 'Last error', className: 'error-cell', cell: (delivery) => delivery.last_error ?? '' },
            {
              header: '',
              cell: (delivery) =>
                REPLAYABLE.has(delivery.status) ? (
                  <button type="button" onClick={() => replayOne.mutate(delivery.id)} disabled={replayOne.isPending}>
                    Replay
                  </button>
                ) : null,
            },
          ]}
          expanded={(delivery) =>
            open === delivery.id ? (
              <ol>
                {delivery.attempts.map((attempt) => (
                  <li key={attempt.attempted_at}>
                    {shortTime(attempt.attempted_at)} · {attempt.status_code ?? 'no answer'} · {attempt.latency_ms ?? '—'} ms {attempt.error ? `· ${attempt.error}` : ''}
                  </li>
                ))}
              </ol>
            ) : null
          }
        />
      </div>
    </section>
  );
}
