import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, post, type Page } from '../../api/client.ts';
import type { Conversion, Obligation } from '../../api/types.ts';
import { useAction } from '../../components/action.tsx';
import { useAdmin } from '../../components/admin-only.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { ErrorNote, Status } from '../../components/states.tsx';
import { formatMinor, shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { useNames } from './names.ts';

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
  const [status, setStatus] = useState('');
  const collaboratorName = useNames('collaborators');
  const programName = useNames('programs');
  const admin = useAdmin();
  const list = useQuery({
    queryKey: [workspaceId, 'conversions', status],
    queryFn: () => get<Page<Conversion>>(`${root}/conversions`, { status, limit: 200 }),
  });
  const review = useAction({
    run: ({ id, decision }: { id: number; decision: 'approve' | 'reject' }) => post<Conversion & { inbound_event_id: string }>(`${root}/conversions/${id}/${decision}`),
    refresh: [[workspaceId, 'conversions'], [workspaceId, 'obligations']],
    done: (conversion) => `Conversion ${conversion.id} is now ${conversion.status}.`,
  });
  const lastReview = review.data;
  return (
    <>
      <div className="row">
        <StatusFilter value={status} options={['pending', 'approved', 'rejected']} onChange={setStatus} />
      </div>
      {lastReview && review.said ? (
        <p className="ok" role="status">
          {review.said}{' '}
          <button type="button" className="link-button" onClick={() => onShowLog(lastReview.inbound_event_id)}>
            See its domain events
          </button>
        </p>
      ) : null}
      {admin === false ? (
        <p className="muted note" role="note">
          Reviewing conversions needs an API key with the <code>admin</code> scope; this key does not have it.
        </p>
      ) : null}
      <ErrorNote error={review.error} />
      <DataList
        label="Conversions"
        query={listOf(list)}
        rowKey={(conversion) => conversion.id}
        rowProps={(conversion) => ({ 'data-status': conversion.status })}
        empty="No conversions: they appear when a referred customer buys (POST /event/sale)."
        columns={[
          { header: 'Id', cell: (conversion) => conversion.id },
          { header: 'Created', cell: (conversion) => shortTime(conversion.created_at) },
          { header: 'Kind', cell: (conversion) => conversion.kind },
          { header: 'Program', cell: (conversion) => programName(conversion.program_id) },
          { header: 'Collaborator', cell: (conversion) => collaboratorName(conversion.collaborator_id) },
          { header: 'Amount', className: 'num', cell: (conversion) => formatMinor(conversion.amount, conversion.currency) },
          { header: 'Status', cell: (conversion) => <Status value={conversion.status} /> },
          {
            header: '',
            className: 'actions',
            cell: (conversion) =>
              admin ? (
                <>
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
                </>
              ) : null,
          },
        ]}
      />
    </>
  );
}

/** What is owed to each collaborator: draft until approved, hold during the program's holding period, pending (payable), complete when paid. */
export function ObligationsTab() {
  const { workspaceId, root } = useWorkspace();
  const [status, setStatus] = useState('');
  const collaboratorName = useNames('collaborators');
  const list = useQuery({ queryKey: [workspaceId, 'obligations', status], queryFn: () => get<Page<Obligation>>(`${root}/obligations`, { status, limit: 200 }) });
  return (
    <>
      <div className="row">
        <StatusFilter value={status} options={['draft', 'flagged', 'hold', 'pending', 'complete', 'cancelled']} onChange={setStatus} />
      </div>
      <DataList
        label="Obligations"
        query={listOf(list)}
        rowKey={(obligation) => obligation.id}
        empty="No obligations with this status."
        columns={[
          { header: 'Id', cell: (obligation) => obligation.id },
          { header: 'Created', cell: (obligation) => shortTime(obligation.created_at) },
          { header: 'Kind', cell: (obligation) => obligation.kind },
          { header: 'Collaborator', cell: (obligation) => collaboratorName(obligation.collaborator_id) },
          { header: 'Conversion', cell: (obligation) => obligation.conversion_id ?? '—' },
          { header: 'Amount', className: 'num', cell: (obligation) => formatMinor(obligation.amount, obligation.currency) },
          { header: 'Status', cell: (obligation) => <Status value={obligation.status} /> },
        ]}
      />
    </>
  );
}
