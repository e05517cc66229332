import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { download, get, post, type Page } from '../../api/client.ts';
import type { FulfillmentRun, Payout } from '../../api/types.ts';
import { ActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { ErrorNote, Loading, Status } from '../../components/states.tsx';
import { formatMinor, shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { useNames } from './names.ts';

function RunDetail({ runId, onShowLog }: { runId: number; onShowLog: (id: string) => void }) {
  const { workspaceId, root } = useWorkspace();
  const run = useQuery({ queryKey: [workspaceId, 'fulfillment', runId], queryFn: () => get<FulfillmentRun>(`${root}/fulfillments/${runId}`) });
  const payoutList = useQuery({
    queryKey: [workspaceId, 'fulfillment', runId, 'payouts'],
    queryFn: () => get<Page<Payout>>(`${root}/payouts`, { fulfillment_id: runId, limit: 200 }),
  });
  const collaboratorName = useNames('collaborators');
  const csv = useMutation({ mutationFn: () => download(`${root}/fulfillments/${runId}/payouts.csv`, `fulfillment-${runId}-payouts.csv`) });
  // A payout's status moves its run's (processing → complete): both the run and the runs list refresh.
  const refresh = [[workspaceId, 'fulfillment'], [workspaceId, 'fulfillments']];
  const settle = useAction({
    run: ({ payout, to }: { payout: Payout; to: 'paid' | 'processing' }) => post<Payout>(`${root}/payouts/${payout.id}/${to}`, {}),
    refresh,
    // Handed to the bank ("sent"): out of the next CSV, so it is not uploaded twice.
    done: (payout) => (payout.status === 'paid' ? `Payout ${payout.id} marked paid.` : `Payout ${payout.id} marked sent: it is left out of the next CSV.`),
  });
  if (run.isPending) return <Loading />;
  if (!run.data) return <ErrorNote error={run.error} />;
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
      <ErrorNote error={csv.error} />
      <ActionNote action={settle} />
      <DataList
        label="Payouts"
        frame="bare"
        query={listOf(payoutList)}
        rowKey={(payout) => payout.id}
        empty={<p className="muted">Nothing was payable.</p>}
        columns={[
          { header: 'Payout', cell: (payout) => payout.id },
          { header: 'Collaborator', cell: (payout) => collaboratorName(payout.collaborator_id) },
          { header: 'Amount', className: 'num', cell: (payout) => formatMinor(payout.amount, payout.currency) },
          { header: 'Reference', className: 'mono', cell: (payout) => payout.paid_reference ?? payout.reference },
          { header: 'Status', cell: (payout) => <><Status value={payout.status} /> {payout.failure_reason ?? ''}</> },
          {
            header: '',
            className: 'row',
            cell: (payout) => (
              <>
                {payout.status === 'unpaid' ? (
                  <button type="button" onClick={() => settle.mutate({ payout, to: 'processing' })} disabled={settle.isPending}>
                    Mark sent
                  </button>
                ) : null}
                {payout.status === 'unpaid' || payout.status === 'processing' ? (
                  <button type="button" onClick={() => settle.mutate({ payout, to: 'paid' })} disabled={settle.isPending}>
                    Mark paid
                  </button>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}

/** Fulfillment runs (one payout per collaborator and currency), their CSV batch file, marking paid. */
export function FulfillmentsTab({ onShowLog }: { onShowLog: (id: string) => void }) {
  const { workspaceId, root } = useWorkspace();
  const [currency, setCurrency] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const runs = useQuery({ queryKey: [workspaceId, 'fulfillments'], queryFn: () => get<Page<FulfillmentRun>>(`${root}/fulfillments`, { limit: 100 }) });
  const start = useAction({
    run: () => post<FulfillmentRun>(`${root}/fulfillments`, currency ? { currency: currency.toUpperCase() } : {}),
    refresh: [[workspaceId, 'fulfillments'], [workspaceId, 'obligations']],
    done: (run) => `Run ${run.id} started with ${run.payout_count} payout(s).`,
    onSuccess: (run) => setSelected(run.id),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    start.mutate();
  };
  return (
    <>
      <AdminOnly what="Starting a fulfillment run">
        <form className="card form inline" onSubmit={submit} aria-label="Start a fulfillment run">
          <label className="field">
            <span className="label">Currency (empty: all)</span>
            <input name="currency" value={currency} onChange={(event) => setCurrency(event.target.value)} maxLength={3} placeholder="USD" />
          </label>
          <button type="submit" className="primary" disabled={start.isPending}>
            Start a run
          </button>
        </form>
      </AdminOnly>
      <ActionNote action={start} />
      <DataList
        label="Fulfillment runs"
        query={listOf(runs)}
        rowKey={(run) => run.id}
        empty="No runs yet: a run batches every payable obligation into payouts."
        onRowClick={(run) => setSelected(run.id)}
        selected={(run) => run.id === selected}
        columns={[
          {
            header: 'Run',
            cell: (run) => (
              <button type="button" className="link-button" onClick={() => setSelected(run.id)}>
                {run.id}
              </button>
            ),
          },
          { header: 'Created', cell: (run) => shortTime(run.created_at) },
          { header: 'Payouts', cell: (run) => run.payout_count },
          { header: 'Totals', cell: (run) => run.totals.map((total) => formatMinor(total.amount, total.currency)).join(', ') || '—' },
          { header: 'Status', cell: (run) => <Status value={run.status} /> },
        ]}
      />
      {selected !== null ? <RunDetail key={selected} runId={selected} onShowLog={onShowLog} /> : null}
    </>
  );
}
