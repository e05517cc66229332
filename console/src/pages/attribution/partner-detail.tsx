import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { get, patch, type Page } from '../../api/client.ts';
import type { ClickReport, Collaborator, CollaboratorEnrollment, CollaboratorLedger, Conversion, Payout } from '../../api/types.ts';
import { ActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { ErrorNote, Loading, Status } from '../../components/states.tsx';
import { formatMinor, shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { ClickSummary } from './clicks.tsx';
import { CouponsTab } from './coupons.tsx';
import { useNames } from './names.ts';
import { Earnings } from './partner-earnings.tsx';
import { PortalLink, ReferralLinks } from './partner-links.tsx';
import { ProgramsOfPartner } from './partner-earns-in.tsx';

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
