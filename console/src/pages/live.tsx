import { useEffect, useRef, useState } from 'react';
import { withQuery } from '../api/client.ts';
import { Empty, FirstEventHint, Status } from '../components/states.tsx';
import { pretty, shortTime } from '../lib/format.ts';
import { useWorkspace } from './use-workspace.ts';

interface Violation {
  rule: string;
  path: string;
  value_type: string | null;
  message: string;
  action: string;
}

interface LiveEvent {
  id: string;
  type: string;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  timestamp: string | null;
  notes?: {
    contracts?: Array<{ contract_id: string; contract_name: string; verdict: string; violations: Violation[]; truncated?: boolean }>;
    [stage: string]: unknown;
  };
  [field: string]: unknown;
}

const TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'];
const KEEP = 500;

type Connection = 'connecting' | 'open' | 'retrying';

/** The event with its contract verdicts and what the other pipeline stages noted. */
function LiveEventDetail({ event, onClose }: { event: LiveEvent; onClose: () => void }) {
  const { notes, ...body } = event;
  const contracts = notes?.contracts ?? [];
  const otherNotes = Object.entries(notes ?? {}).filter(([key]) => key !== 'contracts');
  return (
    <aside className="card detail" aria-label="Event detail">
      <div className="row spread">
        <h2>{event.event ?? event.type}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <h3>Contract verdicts</h3>
      {contracts.length === 0 ? <p className="muted">No contract matched this event.</p> : null}
      {contracts.map((contract) => (
        <div key={contract.contract_id} className="verdict">
          <Status value={contract.verdict} /> <strong>{contract.contract_name}</strong>
          <ul>
            {contract.violations.map((violation) => (
              <li key={violation.path + violation.rule}>
                <code>{violation.path}</code> {violation.message} <span className="muted">({violation.rule}, {violation.action})</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
      {otherNotes.map(([stage, value]) => (
        <div key={stage}>
          <h3>{stage}</h3>
          <pre className="json">{pretty(value)}</pre>
        </div>
      ))}
      <h3>Event</h3>
      <pre className="json">{pretty(body)}</pre>
    </aside>
  );
}

/**
 * The live debugger: the SSE stream as a list, newest on top. Hovering the list pauses it (new
 * events wait in a buffer, counted) so a row does not move under the pointer.
 */
export function LivePage({ token }: { token: string }) {
  const { workspaceId, root } = useWorkspace();
  const [events, setEvents] = useState<LiveEvent[]>([]);
  const [selected, setSelected] = useState<LiveEvent | null>(null);
  const [types, setTypes] = useState<string[]>([]);
  const [names, setNames] = useState('');
  const [appliedNames, setAppliedNames] = useState('');
  const [paused, setPaused] = useState(false);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [gap, setGap] = useState(false);
  const buffer = useRef<LiveEvent[]>([]);
  const pausedRef = useRef(false);
  const [buffered, setBuffered] = useState(0);

  useEffect(() => {
    setEvents([]);
    buffer.current = [];
    setBuffered(0);
    setConnection('connecting');
    // EventSource cannot send headers: the live route accepts the credential as access_token.
    const url = withQuery(`${root}/events/live`, { type: types.join(','), name: appliedNames.trim(), access_token: token });
    const source = new EventSource(url);
    source.onopen = () => setConnection('open');
    source.onerror = () => setConnection('retrying');
    source.onmessage = (message) => {
      const event = JSON.parse(message.data as string) as LiveEvent;
      if (pausedRef.current) {
        buffer.current.unshift(event);
        setBuffered(buffer.current.length);
        return;
      }
      setEvents((previous) => [event, ...previous].slice(0, KEEP));
    };
    source.addEventListener('gap', () => setGap(true));
    return () => source.close();
  }, [root, token, types, appliedNames]);

  const setPause = (value: boolean) => {
    pausedRef.current = value;
    setPaused(value);
    if (!value && buffer.current.length > 0) {
      const waiting = buffer.current;
      buffer.current = [];
      setBuffered(0);
      setEvents((previous) => [...waiting, ...previous].slice(0, KEEP));
    }
  };

  const toggleType = (type: string) => setTypes((previous) => (previous.includes(type) ? previous.filter((item) => item !== type) : [...previous, type]));

  return (
    <section>
      <div className="row spread">
        <h1>Live</h1>
        <span className={`connection ${connection}`} role="status">
          {connection === 'open' ? '● connected' : connection === 'connecting' ? 'connecting…' : 'reconnecting…'}
          {paused ? ` · paused (${buffered} waiting)` : ''}
        </span>
      </div>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setAppliedNames(names);
        }}
      >
        <fieldset className="chips">
          <legend className="label">Types</legend>
          {TYPES.map((type) => (
            <label key={type} className={types.includes(type) ? 'chip on' : 'chip'}>
              <input type="checkbox" checked={types.includes(type)} onChange={() => toggleType(type)} /> {type}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span className="label">Names (comma-separated)</span>
          <input name="names" value={names} onChange={(event) => setNames(event.target.value)} placeholder="purchase_completed, signup" />
        </label>
        <button type="submit">Apply</button>
      </form>
      {gap ? (
        <p className="error-note" role="alert">
          <code className="code">gap</code> Some events were skipped by the stream; see Incoming / Events for the full list.
        </p>
      ) : null}
      <div className="split">
        <div className="live-list" onMouseEnter={() => setPause(true)} onMouseLeave={() => setPause(false)} onFocus={() => setPause(true)} onBlur={() => setPause(false)}>
          {events.length === 0 ? (
            <Empty title="Waiting for events…">
              <FirstEventHint workspaceId={workspaceId} />
            </Empty>
          ) : (
            <table className="table clickable">
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Type</th>
                  <th>Name</th>
                  <th>User</th>
                  <th>Contracts</th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => {
                  const verdicts = event.notes?.contracts ?? [];
                  const warned = verdicts.some((verdict) => verdict.verdict === 'warned');
                  return (
                    <tr key={event.id} className={selected?.id === event.id ? 'selected' : ''} onClick={() => setSelected(event)}>
                      <td>{shortTime(event.timestamp)}</td>
                      <td>{event.type}</td>
                      <td>
                        <button type="button" className="link-button" onClick={() => setSelected(event)}>
                          {event.event ?? '—'}
                        </button>
                      </td>
                      <td className="mono">{event.user_id ?? event.anonymous_id ?? '—'}</td>
                      <td>{verdicts.length === 0 ? <span className="muted">—</span> : <Status value={warned ? 'warned' : 'valid'} />}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </div>
        {selected ? <LiveEventDetail event={selected} onClose={() => setSelected(null)} /> : null}
      </div>
    </section>
  );
}
