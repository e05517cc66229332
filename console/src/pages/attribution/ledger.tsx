import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, post, type Page } from '../../api/client.ts';
import { Empty, ErrorNote, Loading, Status } from '../../components/states.tsx';
import { formatMinor, shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { useNames } from './names.ts';

interface Conversion {
  id: number;
  status: 'pending' | 'approved' | 'rejected';
  kind?: string;
  type?: string;
  program_id: number;
  collaborator_id: number;
  transaction_id: number | null;
  amount: number;
  currency: string;
  created_at: string;
  reviewed_at: string | null;
}

interface Obligation {
  id: number;
  status: string;
  kind: string;
  collaborator_id: number;
  conversion_id: number | null;
  amount: number;
  currency: string;
  created_at: string;
}

function StatusFilter({ value, options, onChange }: { value: string; options: string[]; onChange: (value: string) => void }) {
  return (
    <label className="field">
      <span className="label">Status</span>
      <select name="ledger-status" value={value} onChange={(event) => onChange(event.target.value)}>
        {['', ...options].map((option) => (
          <option key={option} value={option}>
            {option || 'any'}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Conversions with approve and reject; each review links to its domain events. */
export function ConversionsTab({ onShowLog }: { onShowLog: (inboundEventId: string) => void }) {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const collaboratorName = useNames('collaborators');
  const programName = useNames('programs');
  const [lastReview, setLastReview] = useState<{ id: number; status: string; inbound_event_id: string } | null>(null);
  const list = useQuery({
    queryKey: [workspaceId, 'conversions', status],
    queryFn: () => get<Page<Conversion>>(`${root}/conversions`, { status, limit: 200 }),
  });
  const review = useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: 'approve' | 'reject' }) =>
      post<Conversion & { inbound_event_id: string }>(`${root}/conversions/${id}/${decision}`),
    onSuccess: (conversion) => {
      setLastReview(conversion);
      void queryClient.invalidateQueries({ queryKey: [workspaceId, 'conversions'] });
      void queryClient.invalidateQueries({ queryKey: [workspaceId, 'obligations'] });
    },
  });
  return (
    <>
      <div className="row">
        <StatusFilter value={status} options={['pending', 'approved', 'rejected']} onChange={setStatus} />
      </div>
      {lastReview ? (
        <p className="ok" role="status">
          Conversion {lastReview.id} is now {lastReview.status}.{' '}
          <button type="button" className="link-button" onClick={() => onShowLog(lastReview.inbound_event_id)}>
            See its domain events
          </button>
        </p>
      ) : null}
      <ErrorNote error={review.error ?? list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data?.data.length === 0 ? <Empty title="No conversions: they appear when a referred customer buys (POST /event/sale)." /> : null}
      {list.data && list.data.data.length > 0 ? (
        <div className="card scroll">
          <table className="table" aria-label="Conversions">
            <thead>
              <tr>
                <th>Id</th>
                <th>Created</th>
                <th>Kind</th>
                <th>Program</th>
                <th>Collaborator</th>
                <th className="num">Amount</th>
                <th>Status</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((conversion) => (
                <tr key={conversion.id} data-status={conversion.status}>
                  <td>{conversion.id}</td>
                  <td>{shortTime(conversion.created_at)}</td>
                  <td>{conversion.kind ?? conversion.type ?? 'sale'}</td>
                  <td>{programName(conversion.program_id)}</td>
                  <td>{collaboratorName(conversion.collaborator_id)}</td>
                  <td className="num">{formatMinor(conversion.amount, conversion.currency)}</td>
                  <td>
                    <Status value={conversion.status} />
                  </td>
                  <td className="actions">
                    {conversion.status === 'pending' ? (
                      <button type="button" className="primary" disabled={review.isPending} onClick={() => review.mutate({ id: conversion.id, decision: 'approve' })}>
                        Approve
                      </button>
                    ) : null}
                    {conversion.status !== 'rejected' ? (
                      <button type="button" className="danger" disabled={review.isPending} onClick={() => review.mutate({ id: conversion.id, decision: 'reject' })}>
                        Reject
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

/** What is owed to each collaborator: draft until approved, pending (payable), complete when paid. */
export function ObligationsTab() {
  const { workspaceId, root } = useWorkspace();
  const [status, setStatus] = useState('');
  const collaboratorName = useNames('collaborators');
  const list = useQuery({ queryKey: [workspaceId, 'obligations', status], queryFn: () => get<Page<Obligation>>(`${root}/obligations`, { status, limit: 200 }) });
  return (
    <>
      <div className="row">
        <StatusFilter value={status} options={['draft', 'pending', 'complete', 'cancelled']} onChange={setStatus} />
      </div>
      <ErrorNote error={list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data?.data.length === 0 ? <Empty title="No obligations with this status." /> : null}
      {list.data && list.data.data.length > 0 ? (
        <div className="card scroll">
          <table className="table" aria-label="Obligations">
            <thead>
              <tr>
                <th>Id</th>
                <th>Created</th>
                <th>Kind</th>
                <th>Collaborator</th>
                <th>Conversion</th>
                <th className="num">Amount</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((obligation) => (
                <tr key={obligation.id}>
                  <td>{obligation.id}</td>
                  <td>{shortTime(obligation.created_at)}</td>
                  <td>{obligation.kind}</td>
                  <td>{collaboratorName(obligation.collaborator_id)}</td>
                  <td>{obligation.conversion_id ?? '—'}</td>
                  <td className="num">{formatMinor(obligation.amount, obligation.currency)}</td>
                  <td>
                    <Status value={obligation.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
