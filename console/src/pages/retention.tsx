import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { get, put } from '../api/client.ts';
import type { RetentionSettings } from '../api/types.ts';
import { ActionNote, useAction } from '../components/action.tsx';
import { AdminOnly } from '../components/admin-only.tsx';
import { ErrorNote, Loading } from '../components/states.tsx';
import { shortTime } from '../lib/format.ts';
import { useWorkspace } from './use-workspace.ts';

type Field = Exclude<keyof RetentionSettings, 'updated_at'>;

const KINDS: ReadonlyArray<{ field: Field; label: string; hint: string }> = [
  { field: 'events_days', label: 'Canonical events', hint: 'The event lists and the live stream’s resume. An event a delivery still has to send is kept.' },
  { field: 'inbox_days', label: 'Incoming (inbox) rows', hint: 'Processed, blocked and failed rows; never inside the dedupe window.' },
  { field: 'deliveries_days', label: 'Finished deliveries', hint: 'Delivered, failed, dead and dropped deliveries with their attempts; queued ones are never deleted.' },
  { field: 'violations_days', label: 'Contract violations', hint: 'Debugging data.' },
  { field: 'volume_days', label: 'Hourly volume', hint: 'The counters behind the volume chart.' },
];

/** The form's state: days as typed, or `forever`. */
type Draft = Record<Field, { forever: boolean; days: string }>;

const draftOf = (settings: RetentionSettings): Draft =>
  Object.fromEntries(KINDS.map(({ field }) => [field, { forever: settings[field] === null, days: String(settings[field] ?? 90) }])) as Draft;

/**
 * Retention (issue 16 §3): how long the workspace keeps each kind of data. Money records and the
 * domain-event log are never deleted, and the page says so.
 */
export function RetentionPage() {
  return (
    <section>
      <h1>Retention</h1>
      <p className="muted">
        Older data is deleted in the background, a small batch at a time. Money records (transactions, conversions, obligations, payouts, the ledger) and
        the domain-event log are never deleted by retention.
      </p>
      <AdminOnly what="Reading and changing retention">
        <RetentionForm />
      </AdminOnly>
    </section>
  );
}

function RetentionForm() {
  const { workspaceId, root } = useWorkspace();
  const settings = useQuery({ queryKey: [workspaceId, 'retention'], queryFn: () => get<RetentionSettings>(`${root}/retention-settings`) });
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(draftOf(settings.data));
  }, [settings.data]);
  const save = useAction({
    run: (body: Record<Field, number | null>) => put<RetentionSettings>(`${root}/retention-settings`, body),
    refresh: [[workspaceId, 'retention']],
    done: () => 'Retention saved: the next pruning round uses it.',
  });
  if (settings.isPending || !draft) return settings.error ? <ErrorNote error={settings.error} /> : <Loading />;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(Object.fromEntries(KINDS.map(({ field }) => [field, draft[field].forever ? null : Number(draft[field].days)])) as Record<Field, number | null>);
  };
  const change = (field: Field, value: Partial<Draft[Field]>) => setDraft({ ...draft, [field]: { ...draft[field], ...value } });
  return (
    <form className="card form" onSubmit={submit} aria-label="Retention">
      {KINDS.map(({ field, label, hint }) => (
        <div key={field} className="row wrap">
          <label className="field">
            <span className="label">{label} (days)</span>
            <input
              name={field}
              type="number"
              min={1}
              max={3650}
              step={1}
              required={!draft[field].forever}
              disabled={draft[field].forever}
              value={draft[field].forever ? '' : draft[field].days}
              onChange={(event) => change(field, { days: event.target.value })}
            />
          </label>
          <label className="chip">
            <input type="checkbox" name={`${field}_forever`} checked={draft[field].forever} onChange={(event) => change(field, { forever: event.target.checked })} /> keep for ever
          </label>
          <span className="muted grow">{hint}</span>
        </div>
      ))}
      <div className="row spread">
        <span className="muted">{settings.data?.updated_at ? `Changed ${shortTime(settings.data.updated_at)}` : 'The defaults: 90 days of events and inbox rows, 30 of deliveries and violations.'}</span>
        <button type="submit" className="primary" disabled={save.isPending}>
          Save
        </button>
      </div>
      <ActionNote action={save} />
    </form>
  );
}
