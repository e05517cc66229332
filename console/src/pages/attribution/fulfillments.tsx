import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { download, get, post, type Page } from '../../api/client.ts';
import { Empty, ErrorNote, Loading, Status } from '../../components/states.tsx';
import { formatMinor, shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { useNames } from './names.ts';

interface Payout {
  id: number;
  fulfillment_id: number;
  collaborator_id: number;
  status: string;
  amount: number;
  currency: string;
  reference: string;
  paid_reference: string | null;
  failure_reason: string | null;
}

interface Run {
  id: number;
  status: string;
  currency: string | null;
  payout_count: number;
  totals: Array<{ currency: string; amount: number; paid: number }>;
  inbound_event_id: string;
  created_at: string;
}

function RunDetail({ runId, onShowLog }: { runId: number; onShowLog: (id: string) => void }) {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const run = useQuery({ queryKey: [workspaceId, 'fulfillment', runId], queryFn: () => get<Run>(`${root}/fulfillments/${runId}`) });
  const payoutList = useQuery({
    queryKey: [workspaceId, 'fulfillment', runId, 'payouts'],
    queryFn: () => get<Page<Payout>>(`${root}/payouts`, { fulfillment_id: runId, limit: 200 }),
  });
  const collaboratorName = useNames('collaborators');
  const csv = useMutation({ mutationFn: () => download(`${root}/fulfillments/${runId}/payouts.csv`, `fulfillment-${runId}-payouts.csv`) });
  const paid = useMutation({
    mutationFn: (payoutId: number) => post<Payout>(`${root}/payouts/${payoutId}/paid`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [workspaceId, 'fulfillment'] }),
  });
  // Handed to the bank: out of the next CSV, so it is not uploaded twice.
  const sent = useMutation({
    mutationFn: (payoutId: number) => post<Payout>(`${root}/payouts/${payoutId}/processing`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [workspaceId, 'fulfillment'] }),
  });
  if (run.isPending) return <Loading />;
  if (!run.data) return <ErrorNote error={run.error} />;
  const payouts = payoutList.data?.data ?? [];
  return (
    <div className="card">
      <div className="row wrap spread">
        <h3>Run {run.data.id}</h3>
        <div className="row">
          <button type="button" onClick={() => csv.mutate()}>
            Download payouts CSV
          </button>
          <button type="button" className="link-button" onClick={() => onShowLog(run.data.inbound_event_id)}>
            Domain events
          </button>
        </div>
      </div>
      <ErrorNote error={csv.error ?? paid.error ?? sent.error ?? payoutList.error} />
      {payoutList.isPending ? <Loading /> : null}
      {payoutList.data && payouts.length === 0 ? <p className="muted">Nothing was payable.</p> : null}
      {payouts.length > 0 ? (
        <table className="table" aria-label="Payouts">
          <thead>
            <tr>
              <th>Payout</th>
              <th>Collaborator</th>
              <th className="num">Amount</th>
              <th>Reference</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {payouts.map((payout) => (
              <tr key={payout.id}>
                <td>{payout.id}</td>
                <td>{collaboratorName(payout.collaborator_id)}</td>
                <td className="num">{formatMinor(payout.amount, payout.currency)}</td>
                <td className="mono">{payout.paid_reference ?? payout.reference}</td>
                <td>
                  <Status value={payout.status} /> {payout.failure_reason ?? ''}
                </td>
                <td className="row">
                  {payout.status === 'unpaid' ? (
                    <button type="button" onClick={() => sent.mutate(payout.id)} disabled={sent.isPending}>
                      Mark sent
                    </button>
                  ) : null}
                  {payout.status === 'unpaid' || payout.status === 'processing' ? (
                    <button type="button" onClick={() => paid.mutate(payout.id)} disabled={paid.isPending}>
                      Mark paid
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** Fulfillment runs (one payout per collaborator and currency), their CSV batch file, marking paid. */
export function FulfillmentsTab({ onShowLog }: { onShowLog: (id: string) => void }) {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [currency, setCurrency] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const runs = useQuery({ queryKey: [workspaceId, 'fulfillments'], queryFn: () => get<Page<Run>>(`${root}/fulfillments`, { limit: 100 }) });
  const start = useMutation({
    mutationFn: () => post<Run>(`${root}/fulfillments`, currency ? { currency: currency.toUpperCase() } : {}),
    onSuccess: (run) => {
      setSelected(run.id);
      void queryClient.invalidateQueries({ queryKey: [workspaceId, 'fulfillments'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  return (
    <>
      <form className="card form inline" onSubmit={submit} aria-label="Start a fulfillment run">
        <label className="field">
          <span className="label">Currency (empty: all)</span>
          <input name="currency" value={currency} onChange={(event) => setCurrency(event.target.value)} maxLength={3} placeholder="USD" />
        </label>
        <button type="submit" className="primary" disabled={start.isPending}>
          Start a run
        </button>
      </form>
      <ErrorNote error={start.error ?? runs.error} />
      {runs.isPending ? <Loading /> : null}
      {runs.data?.data.length === 0 ? <Empty title="No runs yet: a run batches every payable obligation into payouts." /> : null}
      {runs.data && runs.data.data.length > 0 ? (
        <div className="card scroll">
          <table className="table clickable" aria-label="Fulfillment runs">
            <thead>
              <tr>
                <th>Run</th>
                <th>Created</th>
                <th>Payouts</th>
                <th>Totals</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.data.map((run) => (
                <tr key={run.id} className={selected === run.id ? 'selected' : ''} onClick={() => setSelected(run.id)}>
                  <td>
                    <button type="button" className="link-button" onClick={() => setSelected(run.id)}>
                      {run.id}
                    </button>
                  </td>
                  <td>{shortTime(run.created_at)}</td>
                  <td>{run.payout_count}</td>
                  <td>{run.totals.map((total) => formatMinor(total.amount, total.currency)).join(', ') || '—'}</td>
                  <td>
                    <Status value={run.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {selected !== null ? <RunDetail key={selected} runId={selected} onShowLog={onShowLog} /> : null}
    </>
  );
}
