import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, post, type Page } from '../../api/client.ts';
import type { Collaborator, ReferralCode } from '../../api/types.ts';
import { ActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { CopyButton } from '../../components/copy-button.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { linkOf } from './clicks.tsx';

/** The partner's referral links, each with a copy button, and a form for another code. */
export function ReferralLinks({ collaboratorId }: { collaboratorId: number }) {
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
export function PortalLink({ collaborator }: { collaborator: Collaborator }) {
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
