import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, post, withQuery, type Page } from '../../api/client.ts';
import type { Transaction } from '../../api/types.ts';
import { ActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { Status } from '../../components/states.tsx';
import { formatMinor, shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';

const label = (sale: Transaction) => `${sale.source ?? '—'} ${sale.external_id ?? `#${sale.id}`}`;

/**
 * Refunds: the sales that were refunded (wholly or partly), and a form that reports a refund of a
 * sale as a shop would (`POST /event/refund`, docs/attribution.md): the engine reduces or cancels
 * the commissions, or records a clawback when they were paid.
 */
export function RefundsTab() {
  const { workspaceId, root } = useWorkspace();
  const [saleId, setSaleId] = useState('');
  const [amount, setAmount] = useState('');
  const [refundId, setRefundId] = useState('');
  const key = [workspaceId, 'transactions'];
  // The API filters by one status; a partly refunded sale stays `complete`, so the refunds are
  // picked from the newest sales here.
  const sales = useQuery({ queryKey: key, queryFn: () => get<Page<Transaction>>(`${root}/transactions`, { limit: 200 }) });
  const all = sales.data?.data ?? [];
  const refunded = all.filter((sale) => sale.refunded_total > 0);
  const refundable = all.filter((sale) => sale.status === 'complete' && sale.source && sale.external_id && sale.refunded_total < sale.total);
  const sale = refundable.find((row) => String(row.id) === saleId);
  const refund = useAction({
    run: (target: Transaction) =>
      // The operator token names the workspace in the query; an API key needs events:write.
      post<void>(withQuery('/event/refund', { workspace_id: workspaceId }), {
        source: target.source,
        externalId: target.external_id,
        ...(amount ? { amount } : {}),
        ...(refundId ? { refundId } : {}),
      }),
    refresh: [key, [workspaceId, 'conversions'], [workspaceId, 'obligations'], [workspaceId, 'reports'], [workspaceId, 'ledger']],
    done: (_result, target) => `Refund of ${label(target)} ${amount ? `(${amount} ${target.currency})` : '(in full)'} recorded.`,
    onSuccess: () => {
      setAmount('');
      setRefundId('');
      setSaleId('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sale) refund.mutate(sale);
  };
  return (
    <>
      <AdminOnly what="Reporting a refund">
        <form className="card form inline" onSubmit={submit} aria-label="New refund">
          <label className="field grow">
            <span className="label">Sale</span>
            <select name="refund-sale" required value={saleId} onChange={(event) => setSaleId(event.target.value)}>
              <option value="">Pick a sale…</option>
              {refundable.map((row) => (
                <option key={row.id} value={row.id}>
                  {label(row)}: {formatMinor(row.total - row.refunded_total, row.currency)} left
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="label">Amount (major units, empty: the rest)</span>
            <input name="refund-amount" inputMode="decimal" pattern="\d+(\.\d+)?" value={amount} onChange={(event) => setAmount(event.target.value)} />
          </label>
          <label className="field">
            <span className="label">Refund id (tells partial refunds apart)</span>
            <input name="refund-id" value={refundId} onChange={(event) => setRefundId(event.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={refund.isPending || !sale}>
            Refund
          </button>
        </form>
      </AdminOnly>
      <ActionNote action={refund} />
      <DataList
        label="Refunds"
        query={{ isPending: sales.isPending, error: sales.error, rows: sales.data ? refunded : undefined }}
        rowKey={(row) => row.id}
        empty="No refunds among the latest 200 sales."
        columns={[
          { header: 'Sale', cell: (row) => label(row) },
          { header: 'Status', cell: (row) => <Status value={row.status} /> },
          { header: 'Total', className: 'num', cell: (row) => formatMinor(row.total, row.currency) },
          { header: 'Refunded', className: 'num', cell: (row) => formatMinor(row.refunded_total, row.currency) },
          { header: 'Customer', cell: (row) => row.email ?? row.user_id ?? '—' },
          { header: 'Refunded at', cell: (row) => shortTime(row.refunded_at) },
        ]}
      />
    </>
  );
}
