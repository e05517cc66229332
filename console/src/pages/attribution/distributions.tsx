import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { del, get, patch, post, type Page } from '../../api/client.ts';
import type { Distribution, DistributionRun } from '../../api/types.ts';
import { LatestActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { ErrorNote, Loading, Status } from '../../components/states.tsx';
import { formatMinor, shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { useNames } from './names.ts';

/** A distribution's pool as docs/distributions.md gives it (the response schema names only `type` and `currency`). */
type Pool = { type: 'fixed'; amount: number; currency: string } | { type: 'metric_share'; basis_points: number; metric: string; currency: string };

function describePool(answer: Distribution['pool']): string {
  const pool = answer as Pool;
  if (pool.type === 'fixed') return `${formatMinor(pool.amount, pool.currency)} per period`;
  return `${pool.basis_points / 100} % of ${pool.metric} (${pool.currency})`;
}

/** A distribution's processed periods, newest first, each with what every partner got. */
function Runs({ distribution }: { distribution: Distribution }) {
  const { workspaceId, root } = useWorkspace();
  const partnerName = useNames('collaborators');
  const runs = useQuery({
    queryKey: [workspaceId, 'distribution-runs', distribution.id],
    queryFn: () => get<{ data: DistributionRun[] }>(`${root}/distributions/${distribution.id}/runs`),
  });
  return (
    <div className="card">
      <h3>Runs of {distribution.name}</h3>
      <ErrorNote error={runs.error} />
      {runs.isPending ? <Loading /> : null}
      {runs.data && runs.data.data.length === 0 ? <p className="muted">No period has been distributed yet: the heartbeat runs each period once it has ended.</p> : null}
      {(runs.data?.data ?? []).map((run) => (
        <table key={run.id} className="table compact" aria-label={`Run ${run.id}`}>
          <caption>
            {shortTime(run.period_start)} to {shortTime(run.period_end)}: {formatMinor(run.pool, run.currency)} shared, metric total {String(run.metric_total ?? '—')}
          </caption>
          <thead>
            <tr>
              <th>Partner</th>
              <th className="num">Share</th>
            </tr>
          </thead>
          <tbody>
            {run.allocations.length === 0 ? (
              <tr>
                <td colSpan={2} className="muted">
                  Nobody had a share.
                </td>
              </tr>
            ) : (
              run.allocations.map((allocation) => (
                <tr key={allocation.collaborator_id}>
                  <td>{partnerName(allocation.collaborator_id)}</td>
                  <td className="num">{formatMinor(allocation.amount, run.currency)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      ))}
    </div>
  );
}

/**
 * Distributions (docs/distributions.md): a pool shared out each period by a metric. Create,
 * pause (inactive), delete (only before a period ran), see each run, and run ended periods now.
 */
export function DistributionsTab() {
  const { workspaceId, root } = useWorkspace();
  const [name, setName] = useState('');
  const [metric, setMetric] = useState('');
  const [period, setPeriod] = useState<Distribution['period']>('monthly');
  const [poolType, setPoolType] = useState<'fixed' | 'metric_share'>('fixed');
  const [amount, setAmount] = useState('');
  const [basisPoints, setBasisPoints] = useState('');
  const [poolMetric, setPoolMetric] = useState('');
  const [currency, setCurrency] = useState('USD');
  const [selected, setSelected] = useState<number | null>(null);
  const key = [workspaceId, 'distributions'];
  const list = useQuery({ queryKey: key, queryFn: () => get<Page<Distribution>>(`${root}/distributions`, { limit: 200 }) });
  const changed = [key, [workspaceId, 'distribution-runs'], [workspaceId, 'obligations'], [workspaceId, 'reports'], [workspaceId, 'ledger']];
  const create = useAction({
    run: () =>
      post<Distribution>(`${root}/distributions`, {
        name,
        metric,
        period,
        pool: poolType === 'fixed' ? { type: 'fixed', amount: Number(amount), currency } : { type: 'metric_share', basis_points: Number(basisPoints), metric: poolMetric, currency },
      }),
    refresh: [key],
    done: (created) => `Distribution “${created.name}” added: it shares ${describePool(created.pool)}, ${created.period}.`,
    onSuccess: (created) => {
      setName('');
      setSelected(created.id);
    },
  });
  const toggle = useAction({
    run: (distribution: Distribution) => patch<Distribution>(`${root}/distributions/${distribution.id}`, { status: distribution.status === 'active' ? 'inactive' : 'active' }),
    refresh: [key],
    done: (saved) => `Distribution “${saved.name}” is ${saved.status}.`,
  });
  const remove = useAction({
    run: (distribution: Distribution) => del<void>(`${root}/distributions/${distribution.id}`),
    refresh: [key],
    done: (_result, distribution) => `Distribution “${distribution.name}” deleted.`,
    onSuccess: () => setSelected(null),
  });
  const runNow = useAction({
    run: () => post<{ data: DistributionRun[] }>(`${root}/distributions/run`, {}),
    refresh: changed,
    done: (answer) =>
      answer.data.length === 0
        ? 'No period to distribute: every ended period already ran.'
        : `${answer.data.length} period${answer.data.length === 1 ? '' : 's'} distributed: ${answer.data.map((run) => formatMinor(run.pool, run.currency)).join(', ')}.`,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const current = list.data?.data.find((row) => row.id === selected);
  return (
    <>
      <AdminOnly what="Adding a distribution">
        <form className="card form" onSubmit={submit} aria-label="New distribution">
          <div className="row">
            <label className="field grow">
              <span className="label">Distribution name</span>
              <input name="distribution-name" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
            </label>
            <label className="field">
              <span className="label">Metric (shares by)</span>
              <input name="distribution-metric" required pattern="[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}" value={metric} onChange={(event) => setMetric(event.target.value)} />
            </label>
            <label className="field">
              <span className="label">Period</span>
              <select name="distribution-period" value={period} onChange={(event) => setPeriod(event.target.value as Distribution['period'])}>
                <option value="daily">daily</option>
                <option value="weekly">weekly (ISO weeks)</option>
                <option value="monthly">monthly</option>
              </select>
            </label>
          </div>
          <div className="row">
            <label className="field">
              <span className="label">Pool</span>
              <select name="pool-type" value={poolType} onChange={(event) => setPoolType(event.target.value as 'fixed' | 'metric_share')}>
                <option value="fixed">a fixed amount</option>
                <option value="metric_share">a share of a metric</option>
              </select>
            </label>
            {poolType === 'fixed' ? (
              <label className="field">
                <span className="label">Amount (minor units)</span>
                <input name="pool-amount" type="number" min={0} step={1} required value={amount} onChange={(event) => setAmount(event.target.value)} />
              </label>
            ) : (
              <>
                <label className="field">
                  <span className="label">Basis points (500 = 5 %)</span>
                  <input name="pool-basis-points" type="number" min={0} max={10000} step={1} required value={basisPoints} onChange={(event) => setBasisPoints(event.target.value)} />
                </label>
                <label className="field">
                  <span className="label">Of the metric (minor units)</span>
                  <input name="pool-metric" required value={poolMetric} onChange={(event) => setPoolMetric(event.target.value)} />
                </label>
              </>
            )}
            <label className="field">
              <span className="label">Currency</span>
              <input name="pool-currency" required pattern="[A-Z]{3}" value={currency} onChange={(event) => setCurrency(event.target.value.toUpperCase())} />
            </label>
            <button type="submit" className="primary" disabled={create.isPending}>
              Add distribution
            </button>
          </div>
        </form>
      </AdminOnly>
      <AdminOnly what="Running distributions">
        <div className="row">
          <button type="button" onClick={() => runNow.mutate()} disabled={runNow.isPending}>
            Run ended periods now
          </button>
          <span className="muted">The heartbeat does this every minute; each period runs once.</span>
        </div>
      </AdminOnly>
      <LatestActionNote actions={[create, runNow, toggle, remove]} />
      <DataList
        label="Distributions"
        query={listOf(list)}
        rowKey={(row) => row.id}
        empty="No distributions: a distribution shares a pool among partners each period, by a metric they report."
        onRowClick={(row) => setSelected(row.id)}
        selected={(row) => row.id === selected}
        columns={[
          { header: 'Id', cell: (row) => row.id },
          { header: 'Name', cell: (row) => row.name },
          { header: 'Metric', className: 'mono', cell: (row) => row.metric },
          { header: 'Pool', cell: (row) => describePool(row.pool) },
          { header: 'Period', cell: (row) => row.period },
          { header: 'Status', cell: (row) => <Status value={row.status} /> },
          {
            header: '',
            className: 'actions',
            cell: (row) => (
              <AdminOnly what="Changing a distribution">
                <button
                  type="button"
                  onClick={(event) => {
                    event.stopPropagation();
                    toggle.mutate(row);
                  }}
                >
                  {row.status === 'active' ? 'Pause' : 'Activate'}
                </button>{' '}
                <button
                  type="button"
                  className="danger"
                  onClick={(event) => {
                    event.stopPropagation();
                    if (window.confirm(`Delete distribution “${row.name}”?`)) remove.mutate(row);
                  }}
                >
                  Delete
                </button>
              </AdminOnly>
            ),
          },
        ]}
      />
      {current ? <Runs key={current.id} distribution={current} /> : null}
    </>
  );
}
