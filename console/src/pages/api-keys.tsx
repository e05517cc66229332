import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { del, get, post, rowsOf, type Page } from '../api/client.ts';
import { ErrorNote, Loading, Status } from '../components/states.tsx';
import { timeAgo } from '../lib/format.ts';
import { useWorkspace } from './use-workspace.ts';

const SCOPES = ['events:read', 'events:write', 'admin'] as const;

interface ApiKey {
  id: number;
  label: string;
  key_prefix: string;
  scopes: string[];
  status: 'active' | 'revoked';
  last_used_at: string | null;
}

/**
 * API keys for back ends and for people: `events:read` alone makes the read-only key the Live
 * page's `access_token` should be. The key is shown once, like a write key.
 */
export function ApiKeysSection() {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const [scopes, setScopes] = useState<string[]>(['events:read']);
  const [created, setCreated] = useState<string | null>(null);
  const keys = useQuery({ queryKey: [workspaceId, 'api-keys'], queryFn: () => get<ApiKey[] | Page<ApiKey>>(`${root}/api-keys`) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [workspaceId, 'api-keys'] });
  const create = useMutation({
    mutationFn: () => post<ApiKey & { key: string }>(`${root}/api-keys`, { label, scopes }),
    onSuccess: (key) => {
      setCreated(key.key);
      setLabel('');
      void refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: number) => del(`${root}/api-keys/${id}`), onSuccess: refresh });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const rows = rowsOf(keys.data);
  return (
    <div className="card">
      <h2>API keys</h2>
      {created ? (
        <div className="card highlight" role="alert">
          <p>Copy the key now: it will not be shown again.</p>
          <div className="row">
            <code className="secret">{created}</code>
            <button type="button" onClick={() => void navigator.clipboard.writeText(created)}>
              Copy
            </button>
            <button type="button" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
        </div>
      ) : null}
      <form className="form inline" onSubmit={submit} aria-label="Create an API key">
        <label className="field grow">
          <span className="label">Label</span>
          <input name="label" required value={label} onChange={(event) => setLabel(event.target.value)} placeholder="Read-only, live debugger" />
        </label>
        <fieldset className="chips">
          <legend className="label">Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className={scopes.includes(scope) ? 'chip on' : 'chip'}>
              <input
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={() => setScopes(scopes.includes(scope) ? scopes.filter((item) => item !== scope) : [...scopes, scope])}
              />{' '}
              {scope}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending || scopes.length === 0}>
          Create API key
        </button>
      </form>
      <ErrorNote error={create.error ?? revoke.error ?? keys.error} />
      {keys.isPending ? <Loading /> : null}
      {rows && rows.length > 0 ? (
        <div className="scroll">
          <table className="table" aria-label="API keys">
            <thead>
              <tr>
                <th>Label</th>
                <th>Key</th>
                <th>Scopes</th>
                <th>Status</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((key) => (
                <tr key={key.id}>
                  <td>{key.label}</td>
                  <td className="mono">{key.key_prefix}…</td>
                  <td>{key.scopes.join(', ')}</td>
                  <td>
                    <Status value={key.status} />
                  </td>
                  <td>{key.last_used_at ? timeAgo(key.last_used_at) : 'never'}</td>
                  <td>
                    {key.status === 'active' ? (
                      <button
                        type="button"
                        className="danger"
                        onClick={() => {
                          if (window.confirm(`Revoke “${key.label}”?`)) revoke.mutate(key.id);
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
    </div>
  );
}
