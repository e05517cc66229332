import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, post, type Page } from '../../api/client.ts';
import { Empty, ErrorNote, Loading, Status } from '../../components/states.tsx';
import { shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';

interface Collaborator {
  id: number;
  name: string;
  email: string | null;
  status: string;
  created_at: string;
}

interface ReferralCode {
  id: number;
  code: string;
  expires_at: string | null;
}

function Codes({ collaborator }: { collaborator: Collaborator }) {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const path = `${root}/collaborators/${collaborator.id}/referral-codes`;
  const codes = useQuery({ queryKey: [workspaceId, 'codes', collaborator.id], queryFn: () => get<Page<ReferralCode> | ReferralCode[]>(path) });
  const create = useMutation({
    mutationFn: () => post<ReferralCode>(path, code ? { code } : {}),
    onSuccess: () => {
      setCode('');
      void queryClient.invalidateQueries({ queryKey: [workspaceId, 'codes', collaborator.id] });
    },
  });
  const rows = codes.data ? (Array.isArray(codes.data) ? codes.data : codes.data.data) : [];
  return (
    <div className="card">
      <h3>Referral codes of {collaborator.name}</h3>
      <ErrorNote error={codes.error ?? create.error} />
      {rows.length === 0 && codes.data ? <p className="muted">No codes yet.</p> : null}
      <ul className="plain">
        {rows.map((row) => (
          <li key={row.id}>
            <code>{row.code}</code> {row.expires_at ? <span className="muted">expires {shortTime(row.expires_at)}</span> : null}
          </li>
        ))}
      </ul>
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
    </div>
  );
}

/** Collaborators (partners, affiliates) and their referral codes. */
export function CollaboratorsTab() {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [selected, setSelected] = useState<Collaborator | null>(null);
  const list = useQuery({ queryKey: [workspaceId, 'collaborators'], queryFn: () => get<Page<Collaborator>>(`${root}/collaborators`, { limit: 200 }) });
  const create = useMutation({
    mutationFn: () => post<Collaborator>(`${root}/collaborators`, { name, ...(email ? { email } : {}) }),
    onSuccess: (collaborator) => {
      setName('');
      setEmail('');
      setSelected(collaborator);
      void queryClient.invalidateQueries({ queryKey: [workspaceId, 'collaborators'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
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
      <ErrorNote error={create.error ?? list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data?.data.length === 0 ? <Empty title="No collaborators yet: add the partners who refer customers." /> : null}
      {list.data && list.data.data.length > 0 ? (
        <div className="card scroll">
          <table className="table clickable" aria-label="Collaborators">
            <thead>
              <tr>
                <th>Id</th>
                <th>Name</th>
                <th>Email</th>
                <th>Status</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((collaborator) => (
                <tr key={collaborator.id} className={selected?.id === collaborator.id ? 'selected' : ''} onClick={() => setSelected(collaborator)}>
                  <td>{collaborator.id}</td>
                  <td>
                    <button type="button" className="link-button" onClick={() => setSelected(collaborator)}>
                      {collaborator.name}
                    </button>
                  </td>
                  <td>{collaborator.email ?? '—'}</td>
                  <td>
                    <Status value={collaborator.status} />
                  </td>
                  <td>{shortTime(collaborator.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {selected ? <Codes key={selected.id} collaborator={selected} /> : null}
    </>
  );
}
