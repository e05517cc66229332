import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, post, type Page } from '../api/client.ts';
import type { ErasureCounts, Regulation } from '../api/types.ts';
import { ActionNote, useAction } from '../components/action.tsx';
import { AdminOnly } from '../components/admin-only.tsx';
import { DataList, listOf } from '../components/data-list.tsx';
import { usePager } from '../components/pager.tsx';
import { Status } from '../components/states.tsx';
import { shortTime } from '../lib/format.ts';
import { useWorkspace } from './use-workspace.ts';

const TYPES: ReadonlyArray<[Regulation['type'], string]> = [
  ['suppress_with_delete', 'Delete and suppress'],
  ['delete', 'Delete only'],
  ['suppress', 'Suppress only'],
  ['unsuppress', 'Unsuppress'],
];
const SUBJECT_TYPES: ReadonlyArray<[Regulation['subject_type'], string]> = [
  ['user_id', 'User id'],
  ['anonymous_id', 'Anonymous id'],
  ['email', 'Email'],
];
const COUNT_LABELS: ReadonlyArray<[keyof ErasureCounts, string]> = [
  ['events', 'events'],
  ['inbox_rows', 'inbox rows'],
  ['journal_messages', 'journal messages'],
  ['deliveries', 'deliveries'],
  ['contract_violations', 'violations'],
  ['live_messages', 'live frames'],
  ['attribution_records', 'attribution rows anonymised'],
];

/** The ids typed one per line (or separated by commas), blanks dropped. */
export function subjectIdsOf(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

function countsText(counts: ErasureCounts): string {
  const parts = COUNT_LABELS.filter(([key]) => counts[key] > 0).map(([key, label]) => `${counts[key]} ${label}`);
  return parts.length === 0 ? 'nothing' : parts.join(', ');
}

/**
 * Privacy requests (issue 16 §4): erase a person's data, suppress their future events, or both,
 * by user id, anonymous id or email, and follow each request to `finished`. The list is polled
 * while a delete is still running.
 */
export default function RegulationsPage() {
  const { workspaceId, root } = useWorkspace();
  const [type, setType] = useState<Regulation['type']>('suppress_with_delete');
  const [subjectType, setSubjectType] = useState<Regulation['subject_type']>('user_id');
  const [ids, setIds] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const pager = usePager();
  const list = useQuery({
    queryKey: [workspaceId, 'regulations', pager.cursor],
    queryFn: () => get<Page<Regulation>>(`${root}/regulations`, { limit: 50, cursor: pager.cursor }),
    refetchInterval: (query) => (query.state.data?.data.some((r) => r.status === 'initialized' || r.status === 'running') ? 2000 : false),
  });
  const detail = useQuery({
    queryKey: [workspaceId, 'regulations', 'one', openId],
    queryFn: () => get<Regulation>(`${root}/regulations/${openId}`),
    enabled: openId !== null,
  });
  const create = useAction({
    run: () => post<Regulation>(`${root}/regulations`, { type, subject_type: subjectType, subject_ids: subjectIdsOf(ids) }),
    refresh: [[workspaceId, 'regulations']],
    done: (regulation) =>
      regulation.status === 'finished'
        ? `${regulation.type === 'unsuppress' ? 'Unsuppressed' : 'Suppressed'} ${regulation.subject_count} ${regulation.subject_type}(s).`
        : `Regulation recorded: erasing in the background (${regulation.subject_count} ${regulation.subject_type}(s)).`,
    onSuccess: () => setIds(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <section>
      <h1>Privacy requests</h1>
      <p className="muted">
        Delete a person&apos;s events (across the ids linked to them) and anonymise them in attribution, or drop their future events. See docs/operations.md,
        “Erasing and suppressing a person”.
      </p>
      <AdminOnly what="Creating a privacy request">
        <form className="card form" onSubmit={submit} aria-label="Create a privacy request">
          <div className="row">
            <label className="field">
              <span className="label">Request</span>
              <select name="type" value={type} onChange={(event) => setType(event.target.value as Regulation['type'])}>
                {TYPES.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="label">Identified by</span>
              <select name="subject_type" value={subjectType} onChange={(event) => setSubjectType(event.target.value as Regulation['subject_type'])}>
                {SUBJECT_TYPES.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label className="field">
            <span className="label">Ids, one per line (up to 5,000)</span>
            <textarea name="subject_ids" rows={4} required value={ids} onChange={(event) => setIds(event.target.value)} placeholder="user-1042" />
          </label>
          <button type="submit" className="primary" disabled={create.isPending}>
            Submit request
          </button>
        </form>
      </AdminOnly>
      <ActionNote action={create} />
      <DataList
        label="Privacy requests"
        query={listOf(list)}
        rowKey={(regulation) => regulation.id}
        empty="No privacy requests yet."
        pager={{ pager, nextCursor: list.data?.next_cursor }}
        onRowClick={(regulation) => setOpenId(openId === regulation.id ? null : regulation.id)}
        selected={(regulation) => regulation.id === openId}
        columns={[
          { header: 'Created', cell: (regulation) => shortTime(regulation.created_at) },
          { header: 'Request', cell: (regulation) => TYPES.find(([value]) => value === regulation.type)?.[1] ?? regulation.type },
          { header: 'Subjects', cell: (regulation) => `${regulation.subject_count} × ${regulation.subject_type}` },
          { header: 'Status', cell: (regulation) => <Status value={regulation.status} /> },
          { header: 'Erased', cell: (regulation) => countsText(regulation.counts) },
          { header: 'Finished', cell: (regulation) => (regulation.finished_at ? shortTime(regulation.finished_at) : '—') },
        ]}
        expanded={(regulation) =>
          regulation.id === openId && detail.data?.id === regulation.id ? (
            <div>
              {detail.data.error ? <p className="error-note">{detail.data.error}</p> : null}
              <p>
                <span className="label">Subject ids</span> <code>{(detail.data.subject_ids ?? []).join(', ')}</code>
              </p>
            </div>
          ) : null
        }
      />
    </section>
  );
}
