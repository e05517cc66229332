import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { answer, api } from '../api/typed-client.ts';
import type { WriteKey } from '../api/types.ts';
import { ActionNote, useAction } from '../components/action.tsx';
import { AdminOnly } from '../components/admin-only.tsx';
import { DataList, listOf } from '../components/data-list.tsx';
import { keyColumns, NewSecret } from '../components/keys.tsx';
import { shortTime } from '../lib/format.ts';
import { ApiKeysSection } from './api-keys.tsx';
import { RateLimitsSection } from './rate-limits.tsx';
import { useWorkspace } from './use-workspace.ts';

/** Seed 003's write keys: create (shown once), revoke, and when each was last used. */
export function WriteKeysPage() {
  const { workspaceId } = useWorkspace();
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<'production' | 'development'>('production');
  const [created, setCreated] = useState<(WriteKey & { key: string }) | null>(null);
  const path = { params: { path: { id: workspaceId } } };
  const keys = useQuery({ queryKey: [workspaceId, 'write-keys'], queryFn: () => answer(api.GET('/api/v1/workspaces/{id}/event-keys', path)) });
  const create = useAction({
    run: () => answer(api.POST('/api/v1/workspaces/{id}/event-keys', { ...path, body: { name, environment } })),
    refresh: [[workspaceId, 'write-keys']],
    done: (key) => `Write key “${key.name}” created.`,
    onSuccess: (key) => {
      setCreated(key);
      setName('');
    },
  });
  const revoke = useAction({
    run: (key: WriteKey) => answer(api.DELETE('/api/v1/workspaces/{id}/event-keys/{keyId}', { params: { path: { id: workspaceId, keyId: key.id } } })),
    refresh: [[workspaceId, 'write-keys']],
    done: (_result, key) => `Write key “${key.name}” revoked: clients using it are refused from now on.`,
  });
  const columns = keyColumns<WriteKey>((key) => key.name, (key) => revoke.mutate(key), ' Clients using it will be refused.');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section>
      <h1>Write keys</h1>
      <p className="muted">Write keys only send events (SDKs, the Segment API). API keys, below, read and manage the workspace.</p>
      {created ? <NewSecret title={`Key “${created.name}” created`} secret={created.key} testId="new-key" onDone={() => setCreated(null)} /> : null}
      <AdminOnly what="Creating a write key">
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
      </AdminOnly>
      <ActionNote action={create.error ? create : revoke} />
      <DataList
        label="Write keys"
        query={listOf(keys)}
        rowKey={(key) => key.id}
        empty="No write keys yet: create one to send events."
        columns={[
          { header: 'Name', cell: (key) => key.name },
          columns.prefix,
          { header: 'Environment', cell: (key) => key.environment },
          columns.status,
          columns.lastUsed,
          { header: 'Created', cell: (key) => shortTime(key.created_at) },
          columns.revoke,
        ]}
      />
      <ApiKeysSection />
      <RateLimitsSection />
    </section>
  );
}
