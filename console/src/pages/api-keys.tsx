import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { answer, api } from '../api/typed-client.ts';
import type { ApiKey } from '../api/types.ts';
import { ActionNote, useAction } from '../components/action.tsx';
import { DataList, listOf } from '../components/data-list.tsx';
import { keyColumns, NewSecret } from '../components/keys.tsx';
import { useAdmin } from '../components/admin-only.tsx';
import { useWorkspace } from './use-workspace.ts';

const SCOPES = ['events:read', 'events:write', 'admin'] as const;
type Scope = (typeof SCOPES)[number];

/**
 * API keys for back ends and for people: `events:read` alone makes the read-only key the Live
 * page's `access_token` should be. The key is shown once, like a write key. Only an admin
 * credential can list or create them, so the section is left out for others.
 */
export function ApiKeysSection() {
  const admin = useAdmin();
  return admin ? <ApiKeys /> : null;
}

function ApiKeys() {
  const { workspaceId } = useWorkspace();
  const [label, setLabel] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['events:read']);
  const path = { params: { path: { id: workspaceId } } };
  const [created, setCreated] = useState<string | null>(null);
  const keys = useQuery({ queryKey: [workspaceId, 'api-keys'], queryFn: () => answer(api.GET('/api/v1/workspaces/{id}/api-keys', path)) });
  const create = useAction({
    run: () => answer(api.POST('/api/v1/workspaces/{id}/api-keys', { ...path, body: { label, scopes } })),
    refresh: [[workspaceId, 'api-keys']],
    done: (key) => `API key “${key.label}” created.`,
    onSuccess: (key) => {
      setCreated(key.key);
      setLabel('');
    },
  });
  const revoke = useAction({
    run: (key: ApiKey) => answer(api.DELETE('/api/v1/workspaces/{id}/api-keys/{keyId}', { params: { path: { id: workspaceId, keyId: String(key.id) } } })),
    refresh: [[workspaceId, 'api-keys']],
    done: (_result, key) => `API key “${key.label}” revoked.`,
  });
  const columns = keyColumns<ApiKey>((key) => key.label, (key) => revoke.mutate(key));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <div className="card">
      <h2>API keys</h2>
      {created ? <NewSecret title="API key created" secret={created} onDone={() => setCreated(null)} /> : null}
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
      <ActionNote action={create.error ? create : revoke} />
      <DataList
        label="API keys"
        frame="bare"
        query={listOf(keys)}
        rowKey={(key) => key.id}
        empty={null}
        columns={[{ header: 'Label', cell: (key) => key.label }, columns.prefix, { header: 'Scopes', cell: (key) => key.scopes.join(', ') }, columns.status, columns.lastUsed, columns.revoke]}
      />
    </div>
  );
}
