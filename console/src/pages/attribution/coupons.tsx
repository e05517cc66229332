import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { del, get, post, type Page } from '../../api/client.ts';
import type { Collaborator, Coupon } from '../../api/types.ts';
import { LatestActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { Status } from '../../components/states.tsx';
import { shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { useNames } from './names.ts';

/**
 * Coupons: codes a buyer types at checkout that credit their partner even without a referral
 * visit. The API creates and deletes them (no edit): a wrong coupon is deleted and made again.
 * With `collaboratorId` the list and the form are that partner's only (the partner page).
 */
export function CouponsTab({ collaboratorId }: { collaboratorId?: number }) {
  const { workspaceId, root } = useWorkspace();
  const [code, setCode] = useState('');
  const [owner, setOwner] = useState(collaboratorId ? String(collaboratorId) : '');
  const [status, setStatus] = useState('');
  const partnerName = useNames('collaborators');
  const key = [workspaceId, 'coupons'];
  const list = useQuery({
    queryKey: [...key, collaboratorId ?? 'all', status],
    queryFn: () => get<Page<Coupon>>(`${root}/coupons`, { limit: 200, collaborator_id: collaboratorId, status }),
  });
  const partners = useQuery({
    queryKey: [workspaceId, 'collaborators'],
    enabled: collaboratorId === undefined,
    queryFn: () => get<Page<Collaborator>>(`${root}/collaborators`, { limit: 200 }),
  });
  const create = useAction({
    run: () => post<Coupon>(`${root}/coupons`, { code, collaborator_id: Number(owner) }),
    refresh: [key],
    done: (coupon) => `Coupon ${coupon.code} added for ${partnerName(coupon.collaborator_id)}.`,
    onSuccess: () => setCode(''),
  });
  const remove = useAction({
    run: (coupon: Coupon) => del<void>(`${root}/coupons/${coupon.id}`),
    refresh: [key],
    done: (_result, coupon) => `Coupon ${coupon.code} deleted.`,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <AdminOnly what="Adding a coupon">
        <form className="card form inline" onSubmit={submit} aria-label="New coupon">
          <label className="field">
            <span className="label">Coupon code</span>
            <input name="coupon-code" required pattern="[A-Za-z0-9_\-]{1,64}" value={code} onChange={(event) => setCode(event.target.value)} />
          </label>
          {collaboratorId === undefined ? (
            <label className="field grow">
              <span className="label">Partner</span>
              <select name="coupon-partner" required value={owner} onChange={(event) => setOwner(event.target.value)}>
                <option value="">Pick a partner…</option>
                {(partners.data?.data ?? []).map((partner) => (
                  <option key={partner.id} value={partner.id}>
                    {partner.name} (#{partner.id})
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="submit" className="primary" disabled={create.isPending}>
            Add coupon
          </button>
        </form>
      </AdminOnly>
      <LatestActionNote actions={[create, remove]} />
      {collaboratorId === undefined ? (
        <div className="row">
          <label className="field">
            <span className="label">Status</span>
            <select name="coupon-status" value={status} onChange={(event) => setStatus(event.target.value)}>
              <option value="">any</option>
              <option value="active">active</option>
              <option value="inactive">inactive</option>
            </select>
          </label>
        </div>
      ) : null}
      <DataList
        label="Coupons"
        query={listOf(list)}
        rowKey={(coupon) => coupon.id}
        empty="No coupons: a coupon credits its partner when a buyer uses it at checkout."
        columns={[
          { header: 'Code', className: 'mono', cell: (coupon) => coupon.code },
          { header: 'Partner', cell: (coupon) => partnerName(coupon.collaborator_id) },
          { header: 'Status', cell: (coupon) => <Status value={coupon.status} /> },
          { header: 'Created', cell: (coupon) => shortTime(coupon.created_at) },
          {
            header: '',
            className: 'actions',
            cell: (coupon) => (
              <AdminOnly what="Deleting a coupon">
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    if (window.confirm(`Delete coupon ${coupon.code}? Sales already credited keep their partner.`)) remove.mutate(coupon);
                  }}
                >
                  Delete
                </button>
              </AdminOnly>
            ),
          },
        ]}
      />
    </>
  );
}
