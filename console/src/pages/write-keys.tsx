import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { del, get, post } from '../api/client.ts';
import { Empty, ErrorNote, Loading, Status } from '../components/states.tsx';
import { shortTime, timeAgo } from '../lib/format.ts';
import { ApiKeysSection } from './api-keys.tsx';
import { useWorkspace } from './use-workspace.ts';

interface WriteKey {
  id: string;
  name: string;
  key_prefix: string;
  environment: 'production' | 'development';
  status: 'active' | 'revoked';
  last_used_at: string | null;
  created_at: string;
}

/** The full key, shown once after creation: it is stored hashed and cannot be read again. */
function NewKey({ created, onDone }: { created: WriteKey & { key: string }; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="card highlight" role="alert">
      <h2>Key “{created.name}” created</h2>
      <p>Copy it now: it is stored hashed and will not be shown again.</p>
      <div className="row">
        <code className="secret" data-testid="new-key">
          {created.key}
        </code>
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(created.key);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

/** Seed 003's write keys: create (shown once), revoke, and when each was last used. */
export function WriteKeysPage() {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<'production' | 'development'>('production');
  const [created, setCreated] = useState<(WriteKey & { key: string }) | null>(null);
  const keys = useQuery({ queryKey: [workspaceId, 'write-keys'], queryFn: () => get<WriteKey[]>(`${root}/event-keys`) });
  const create = useMutation({
    mutationFn: () => post<WriteKey & { key: string }>(`${root}/event-keys`, { name, environment }),
    onSuccess: (key) => {
      setCreated(key);
      setName('');
      void queryClient.invalidateQueries({ queryKey: [workspaceId, 'write-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => del<WriteKey>(`${root}/event-keys/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [workspaceId, 'write-keys'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section>
      <h1>Write keys</h1>
      <p className="muted">Write keys only send events (SDKs, the Segment API). API keys, below, read and manage the workspace.</p>
      {created ? <NewKey created={created} onDone={() => setCreated(null)} /> : null}
      <form className="card form inline" onSubmit={submit} aria-label="Create a write key">
        <label className="field grow">
          <span className="label">Name</span>
          <input name="name" required value={name} onChange={(event) => setName(event.target.value)} placeholder="Web SDK - Production" />
        </label>
        <label className="field">
          <span className="label">Environment</span>
          <select name="environment" value={environment} onChange={(event) => setEnvironment(event.target.value as 'production' | 'development')}>
            <option value="production">production</option>
            <option value="development">development</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create key
        </button>
      </form>
      <ErrorNote error={create.error ?? revoke.error ?? keys.error} />
      {keys.isPending ? <Loading /> : null}
      {keys.data?.length === 0 ? <Empty title="No write keys yet: create one to send events." /> : null}
      {keys.data && keys.data.length > 0 ? (
        <div className="card scroll">
          <table className="table" aria-label="Write keys">
            <thead>
              <tr>
                <th>Name</th>
                <th>Key</th>
                <th>Environment</th>
                <th>Status</th>
                <th>Last used</th>
                <th>Created</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td className="mono">{key.key_prefix}…</td>
                  <td>{key.environment}</td>
                  <td>
                    <Status value={key.status} />
                  </td>
                  <td title={key.last_used_at ?? ''}>{key.last_used_at ? timeAgo(key.last_used_at) : 'never'}</td>
                  <td>{shortTime(key.created_at)}</td>
                  <td>
                    {key.status === 'active' ? (
                      <button
                        type="button"
                        className="danger"
                        onClick={() => {
                          if (window.confirm(`Revoke “${key.name}”? Clients using it will be refused.`)) revoke.mutate(key.id);
                        }}
                      >
                        Revoke
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ApiKeysSection />
    </section>
  );
}
