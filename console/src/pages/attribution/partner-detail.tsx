import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { get, patch, post, type Page } from '../../api/client.ts';
import type { ClickReport, Collaborator, CollaboratorEnrollment, CollaboratorLedger, Conversion, Payout, Program, ReferralCode } from '../../api/types.ts';
import { ActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { ErrorNote, Loading, Status } from '../../components/states.tsx';
import { formatMinor, shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { ClickSummary, linkOf } from './clicks.tsx';
import { CouponsTab } from './coupons.tsx';
import { useNames } from './names.ts';

/** What the partner is owed and was paid, per currency, by status (the ledger's balance). */
function Earnings({ ledger }: { ledger: CollaboratorLedger }) {
  if (ledger.balance.length === 0) return <p className="muted">Nothing earned yet.</p>;
  const columns = ['draft', 'flagged', 'hold', 'pending', 'paid', 'clawed_back', 'balance'] as const;
  return (
    <table className="table compact" aria-label="Earnings by status">
      <thead>
        <tr>
          <th>Currency</th>
          {columns.map((column) => (
            <th key={column} className="num">
              {column === 'clawed_back' ? 'clawed back' : column === 'balance' ? 'owed now' : column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ledger.balance.map((row) => (
          <tr key={row.currency}>
            <td>{row.currency}</td>
            {columns.map((column) => (
              <td key={column} className="num">
                {formatMinor(row[column], row.currency)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The partner's referral links, each with a copy button, and a form for another code. */
function ReferralLinks({ collaboratorId }: { collaboratorId: number }) {
  const { workspaceId, root } = useWorkspace();
  const [code, setCode] = useState('');
  const path = `${root}/collaborators/${collaboratorId}/referral-codes`;
  const codes = useQuery({ queryKey: [workspaceId, 'codes', collaboratorId], queryFn: () => get<Page<ReferralCode>>(path, { limit: 200 }) });
  const create = useAction({
    run: () => post<ReferralCode>(path, code ? { code } : {}),
    refresh: [[workspaceId, 'codes', collaboratorId]],
    done: (created) => `Code ${created.code} added: ${linkOf(created.code)}`,
    onSuccess: () => setCode(''),
  });
  return (
    <>
      <DataList
        label="Referral links"
        frame="bare"
        compact
        query={listOf(codes)}
        rowKey={(row) => row.id}
        empty="No referral codes yet: add one to give the partner a link."
        columns={[
          { header: 'Code', className: 'mono', cell: (row) => row.code },
          { header: 'Link', cell: (row) => <a href={linkOf(row.code)} target="_blank" rel="noreferrer">{linkOf(row.code)}</a> },
          { header: 'Expires', cell: (row) => shortTime(row.expires_at) },
          { header: '', className: 'actions', cell: (row) => <CopyButton text={linkOf(row.code)} label="Copy link" /> },
        ]}
      />
      <AdminOnly what="Adding a referral code">
        <form
          className="row"
          aria-label="New referral code"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <label className="field">
            <span className="label">Code (empty: random)</span>
            <input name="referral-code" value={code} onChange={(event) => setCode(event.target.value)} pattern="[A-Za-z0-9_\-]{1,64}" />
          </label>
          <button type="submit">Add code</button>
        </form>
      </AdminOnly>
      <ActionNote action={create} />
    </>
  );
}

/** A one-time portal sign-in link: shown once with a copy button, to send to the partner. */
function PortalLink({ collaborator }: { collaborator: Collaborator }) {
  const { root } = useWorkspace();
  const create = useAction({
    refresh: [],
    run: () => post<{ url: string; expires_at: string }>(`${root}/collaborators/${collaborator.id}/login-links`, {}),
    done: (link) => `Sign-in link for ${collaborator.name}, valid once until ${shortTime(link.expires_at)}.`,
  });
  return (
    <AdminOnly what="Creating a portal sign-in link">
      <div className="row">
        <button type="button" onClick={() => create.mutate()} disabled={create.isPending}>
          Create portal sign-in link
        </button>
      </div>
      <ActionNote action={create} />
      {create.data && create.said ? (
        <div className="row">
          <code className="secret" data-testid="portal-link">
            {create.data.url}
          </code>
          <CopyButton text={create.data.url} />
        </div>
      ) : null}
    </AdminOnly>
  );
}

/**
 * The programs the partner earns in, and a form to enroll them in another: an open program pays
 * every active partner, an approval or invite program only its approved enrollments, so this list
 * is the answer to "would a sale through this partner pay them here?" (issue 18).
 */
function ProgramsOfPartner({ partner, enrollments }: { partner: Collaborator; enrollments: readonly CollaboratorEnrollment[] }) {
  const collaboratorId = partner.id;
  const { workspaceId, root } = useWorkspace();
  const [programId, setProgramId] = useState('');
  const programs = useQuery({ queryKey: [workspaceId, 'programs'], queryFn: () => get<Page<Program>>(`${root}/programs`, { limit: 200 }) });
  const active = (programs.data?.data ?? []).filter((program) => program.status === 'active');
  const approved = new Set(enrollments.filter((row) => row.status === 'approved').map((row) => row.program_id));
  const enrolled = new Set(enrollments.map((row) => row.program_id));
  const earnsIn = active.filter((program) => program.enrollment === 'open' || approved.has(program.id));
  const enroll = useAction({
    run: () => post<CollaboratorEnrollment>(`${root}/programs/${programId}/enrollments`, { collaborator_id: collaboratorId }),
    refresh: [[workspaceId, 'enrollments']],
    done: (created) => `Enrolled in “${active.find((program) => program.id === created.program_id)?.name ?? created.program_id}”: ${created.status}.`,
    onSuccess: () => setProgramId(''),
  });
  return (
    <>
      <p aria-label="Earns in">
        {partner.status !== 'active'
          ? `Earns nothing new while ${partner.status}.`
          : earnsIn.length === 0
            ? 'Earns in no active program.'
            : `Earns in: ${earnsIn.map((program) => program.name).join(', ')}.`}
      </p>
      <AdminOnly what="Enrolling a partner">
        <form
          className="row"
          aria-label="Enroll in a program"
          onSubmit={(event) => {
            event.preventDefault();
            enroll.mutate();
          }}
        >
          <label className="field">
            <span className="label">Program (approval or invite)</span>
            <select name="enroll-program" required value={programId} onChange={(event) => setProgramId(event.target.value)}>
              <option value="">Pick a program…</option>
              {active
                .filter((program) => program.enrollment !== 'open' && !enrolled.has(program.id))
                .map((program) => (
                  <option key={program.id} value={program.id}>
                    {program.name} ({program.enrollment})
                  </option>
                ))}
            </select>
          </label>
          <button type="submit">Enroll</button>
        </form>
      </AdminOnly>
      <ActionNote action={enroll} />
    </>
  );
}

const STATUSES = ['active', 'pending', 'inactive', 'banned'] as const;

/**
 * One partner (a collaborator) with everything the shop needs about them on one page: links,
 * coupons, enrollments, clicks, conversions, earnings by status, payouts, the ledger and a portal
 * sign-in link. Every list comes from the admin API filtered to this partner.
 */
export default function PartnerDetailPage() {
  const { collaboratorId: raw = '' } = useParams();
  const id = Number(raw);
  const { workspaceId, root } = useWorkspace();
  const programName = useNames('programs');
  const base = `${root}/collaborators/${id}`;
  const partner = useQuery({ queryKey: [workspaceId, 'collaborators', id], queryFn: () => get<Collaborator>(base) });
  const ledger = useQuery({ queryKey: [workspaceId, 'ledger', id], queryFn: () => get<CollaboratorLedger>(`${base}/ledger`) });
  const enrollments = useQuery({ queryKey: [workspaceId, 'enrollments', 'collaborator', id], queryFn: () => get<Page<CollaboratorEnrollment>>(`${base}/enrollments`, { limit: 200 }) });
  const clicks = useQuery({ queryKey: [workspaceId, 'clicks', 'collaborator', id], queryFn: () => get<ClickReport>(`${base}/clicks`) });
  const conversions = useQuery({
    queryKey: [workspaceId, 'conversions', 'collaborator', id],
    queryFn: () => get<Page<Conversion>>(`${root}/conversions`, { collaborator_id: id, limit: 100 }),
  });
  const payouts = useQuery({ queryKey: [workspaceId, 'payouts', 'collaborator', id], queryFn: () => get<Page<Payout>>(`${root}/payouts`, { collaborator_id: id, limit: 100 }) });
  const status = useAction({
    run: (value: string) => patch<Collaborator>(base, { status: value }),
    refresh: [[workspaceId, 'collaborators'], [workspaceId, 'ledger', id]],
    done: (saved) => `${saved.name} is ${saved.status}.`,
  });
  const back = <Link to={`/w/${workspaceId}/attribution?tab=collaborators`}>← Collaborators</Link>;
  if (partner.isPending) return <Loading />;
  if (!partner.data) return (
    <section>
      {back}
      <ErrorNote error={partner.error} />
    </section>
  );
  const person = partner.data;
  return (
    <section>
      {back}
      <h1>
        {person.name} <Status value={person.status} />
      </h1>
      <p className="muted">
        Partner #{person.id}
        {person.email ? ` · ${person.email}` : ''}
        {person.user_id ? ` · customer id ${person.user_id}` : ''} · since {shortTime(person.created_at)}
      </p>
      <AdminOnly what="Changing a partner's status">
        <div className="row">
          <label className="field">
            <span className="label">Partner status</span>
            <select name="partner-status" value={person.status} onChange={(event) => status.mutate(event.target.value)}>
              {STATUSES.map((value) => (
                <option key={value} value={value}>
                  {value === 'banned' ? 'banned: earns nothing new, is not paid' : value}
                </option>
              ))}
            </select>
          </label>
        </div>
      </AdminOnly>
      <ActionNote action={status} />

      <div className="card">
        <h2>Earnings</h2>
        <ErrorNote error={ledger.error} />
        {ledger.data ? <Earnings ledger={ledger.data} /> : null}
      </div>

      <div className="card">
        <h2>Referral links</h2>
        <ReferralLinks collaboratorId={id} />
        <h3>Portal</h3>
        <PortalLink collaborator={person} />
      </div>

      <h2>Coupons</h2>
      <CouponsTab collaboratorId={id} />

      <div className="card">
        <h2>Programs</h2>
        <ProgramsOfPartner partner={person} enrollments={enrollments.data?.data ?? []} />
        <DataList
          label="Enrollments of the partner"
          frame="bare"
          compact
          query={listOf(enrollments)}
          rowKey={(row) => row.id}
          empty="No enrollments: the partner earns in the open programs only."
          columns={[
            { header: 'Program', cell: (row) => programName(row.program_id) },
            { header: 'Status', cell: (row) => <Status value={row.status} /> },
            { header: 'Since', cell: (row) => shortTime(row.updated_at) },
          ]}
        />
        <h3>Clicks, last 30 days</h3>
        <ErrorNote error={clicks.error} />
        {clicks.data ? <ClickSummary report={clicks.data} label={`Clicks of ${person.name}`} /> : null}
      </div>

      <h2>Conversions</h2>
      <DataList
        label="Conversions of the partner"
        query={listOf(conversions)}
        rowKey={(row) => row.id}
        empty="No conversions yet."
        columns={[
          { header: 'Id', cell: (row) => row.id },
          { header: 'Created', cell: (row) => shortTime(row.created_at) },
          { header: 'Kind', cell: (row) => row.kind },
          { header: 'Program', cell: (row) => programName(row.program_id) },
          { header: 'Commission', className: 'num', cell: (row) => formatMinor(row.amount, row.currency) },
          { header: 'Status', cell: (row) => <Status value={row.status} /> },
        ]}
      />

      <h2>Payouts</h2>
      <DataList
        label="Payouts of the partner"
        query={listOf(payouts)}
        rowKey={(row) => row.id}
        empty="No payouts yet: a fulfillment run pays what is payable."
        columns={[
          { header: 'Reference', className: 'mono', cell: (row) => row.reference },
          { header: 'Amount', className: 'num', cell: (row) => formatMinor(row.amount, row.currency) },
          { header: 'Status', cell: (row) => <Status value={row.status} /> },
          { header: 'Created', cell: (row) => shortTime(row.created_at) },
          { header: 'Paid', cell: (row) => shortTime(row.paid_at) },
        ]}
      />

      <h2>Ledger</h2>
      <DataList
        label="Ledger of the partner"
        query={{ isPending: ledger.isPending, error: ledger.error, rows: ledger.data ? ledger.data.data.map((entry, position) => ({ ...entry, position })).reverse() : undefined }}
        rowKey={(row) => row.position}
        empty="No ledger entries yet."
        columns={[
          { header: 'When', cell: (row) => shortTime(row.at) },
          { header: 'Entry', cell: (row) => row.type.replace(/_/g, ' ') },
          { header: 'Obligation', cell: (row) => row.obligation_id ?? '—' },
          { header: 'Change', className: 'num', cell: (row) => formatMinor(row.amount, row.currency) },
          {
            header: 'Domain event',
            cell: (row) =>
              row.event ? (
                <Link to={`/w/${workspaceId}/attribution?tab=log&inbound_event_id=${encodeURIComponent(row.event.inbound_event_id)}`}>
                  {row.event.name} #{row.event.sequence}
                </Link>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </section>
  );
}
