import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { get, post, type Page } from '../../api/client.ts';
import type { ClickReport, Collaborator, ReferralCode } from '../../api/types.ts';
import { ActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { ErrorNote, Status } from '../../components/states.tsx';
import { shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { ClickSummary, linkOf } from './clicks.tsx';
import { LoginLink } from './partner-program.tsx';

function Codes({ collaborator }: { collaborator: Collaborator }) {
  const { workspaceId, root } = useWorkspace();
  const [code, setCode] = useState('');
  const path = `${root}/collaborators/${collaborator.id}/referral-codes`;
  const codes = useQuery({ queryKey: [workspaceId, 'codes', collaborator.id], queryFn: () => get<Page<ReferralCode> | ReferralCode[]>(path) });
  const create = useAction({
    run: () => post<ReferralCode>(path, code ? { code } : {}),
    refresh: [[workspaceId, 'codes', collaborator.id]],
    // Kept as typed (GRACE20); visits and coupons match it in any case.
    done: (created) => `Code ${created.code} added; it matches in any case.`,
    onSuccess: () => setCode(''),
  });
  const clicks = useQuery({
    queryKey: [workspaceId, 'clicks', 'collaborator', collaborator.id],
    queryFn: () => get<ClickReport>(`${root}/collaborators/${collaborator.id}/clicks`),
  });
  const rows = listOf(codes).rows ?? [];
  return (
    <div className="card">
      <h3>Referral codes of {collaborator.name}</h3>
      <ErrorNote error={codes.error} />
      <ActionNote action={create} />
      {rows.length === 0 && codes.data ? <p className="muted">No codes yet.</p> : null}
      <ul className="plain">
        {rows.map((row) => (
          <li key={row.id}>
            <code>{row.code}</code> <a href={linkOf(row.code)} target="_blank" rel="noreferrer">{linkOf(row.code)}</a>{' '}
            {row.expires_at ? <span className="muted">expires {shortTime(row.expires_at)}</span> : null}
          </li>
        ))}
      </ul>
      <LoginLink collaboratorId={collaborator.id} name={collaborator.name} />
      <h3>Clicks, last 30 days</h3>
      <ErrorNote error={clicks.error} />
      {clicks.data ? <ClickSummary report={clicks.data} label={`Clicks of ${collaborator.name}`} /> : null}
      <AdminOnly what="Adding a referral code">
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate();
          }}
        >
          <label className="field">
            <span className="label">Code (empty: random)</span>
            <input name="code" value={code} onChange={(event) => setCode(event.target.value)} pattern="[A-Za-z0-9_\-]{1,64}" />
          </label>
          <button type="submit">Add code</button>
        </form>
      </AdminOnly>
    </div>
  );
}

/** Collaborators (partners, affiliates) and their referral codes. */
export function CollaboratorsTab() {
  const { workspaceId, root } = useWorkspace();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [selected, setSelected] = useState<Collaborator | null>(null);
  const list = useQuery({ queryKey: [workspaceId, 'collaborators'], queryFn: () => get<Page<Collaborator>>(`${root}/collaborators`, { limit: 200 }) });
  const create = useAction({
    run: () => post<Collaborator>(`${root}/collaborators`, { name, ...(email ? { email } : {}) }),
    refresh: [[workspaceId, 'collaborators']],
    done: (collaborator) => `Collaborator ${collaborator.id} “${collaborator.name}” added.`,
    onSuccess: (collaborator) => {
      setName('');
      setEmail('');
      setSelected(collaborator);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <AdminOnly what="Adding a collaborator">
        <form className="card form inline" onSubmit={submit} aria-label="New collaborator">
          <label className="field grow">
            <span className="label">Name</span>
            <input name="collaborator-name" required value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <label className="field grow">
            <span className="label">Email</span>
            <input name="email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={create.isPending}>
            Add collaborator
          </button>
        </form>
      </AdminOnly>
      <ActionNote action={create} />
      <DataList
        label="Collaborators"
        query={listOf(list)}
        rowKey={(collaborator) => collaborator.id}
        empty="No collaborators yet: add the partners who refer customers."
        onRowClick={setSelected}
        selected={(collaborator) => collaborator.id === selected?.id}
        columns={[
          { header: 'Id', cell: (collaborator) => collaborator.id },
          {
            header: 'Name',
            cell: (collaborator) => (
              <button type="button" className="link-button" onClick={() => setSelected(collaborator)}>
                {collaborator.name}
              </button>
            ),
          },
          { header: 'Email', cell: (collaborator) => collaborator.email ?? '—' },
          { header: 'Status', cell: (collaborator) => <Status value={collaborator.status} /> },
          { header: 'Created', cell: (collaborator) => shortTime(collaborator.created_at) },
          {
            header: '',
            cell: (collaborator) => (
              <Link to={`/w/${workspaceId}/attribution/partners/${collaborator.id}`} onClick={(event) => event.stopPropagation()} aria-label={`Partner page of ${collaborator.name}`}>
                Partner page
              </Link>
            ),
          },
        ]}
      />
      {selected ? <Codes key={selected.id} collaborator={selected} /> : null}
    </>
  );
}
