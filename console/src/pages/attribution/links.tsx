import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { get, patch, put, type Page } from '../../api/client.ts';
import type { AttributionSettings, ClickReport, Program } from '../../api/types.ts';
import { ActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { ErrorNote } from '../../components/states.tsx';
import { useWorkspace } from '../use-workspace.ts';
import { ClickSummary } from './clicks.tsx';

/** Where unknown links go and whether the snippet may report visits without a key. */
function SettingsForm({ settings }: { settings: AttributionSettings }) {
  const { workspaceId, root } = useWorkspace();
  const [landing, setLanding] = useState(settings.default_landing_url ?? '');
  const [publicVisits, setPublicVisits] = useState(settings.public_visits);
  const save = useAction({
    run: () => put<AttributionSettings>(`${root}/attribution-settings`, { ...settings, default_landing_url: landing === '' ? null : landing, public_visits: publicVisits }),
    refresh: [[workspaceId, 'attribution-settings']],
    done: () => 'Link settings saved.',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <AdminOnly what="Changing the link settings">
      <form className="card form" onSubmit={submit} aria-label="Link settings">
        <label className="field grow">
          <span className="label">Default landing URL (unknown or expired links go here, without the code)</span>
          <input name="default_landing_url" type="url" placeholder="https://shop.example.com/" value={landing} onChange={(event) => setLanding(event.target.value)} />
        </label>
        <label className="field">
          <span className="label">
            <input name="public_visits" type="checkbox" checked={publicVisits} onChange={(event) => setPublicVisits(event.target.checked)} /> Public visits: the
            snippet may report site visits without an API key
          </span>
        </label>
        <button type="submit" className="primary" disabled={save.isPending}>
          Save
        </button>
        <ActionNote action={save} />
      </form>
    </AdminOnly>
  );
}

/** One program's landing page and link parameter. */
function ProgramLinkForm({ programs }: { programs: readonly Program[] }) {
  const { workspaceId, root } = useWorkspace();
  const [programId, setProgramId] = useState(programs[0]?.id ?? 0);
  const program = programs.find((p) => p.id === programId);
  const [landing, setLanding] = useState(program?.landing_url ?? '');
  const [param, setParam] = useState(program?.link_param ?? 'ref');
  useEffect(() => {
    setLanding(program?.landing_url ?? '');
    setParam(program?.link_param ?? 'ref');
  }, [program?.id, program?.landing_url, program?.link_param]);
  const save = useAction({
    run: () => patch<Program>(`${root}/programs/${programId}`, { landing_url: landing === '' ? null : landing, link_param: param }),
    refresh: [[workspaceId, 'programs']],
    done: (saved) => `Links of “${saved.name}” lead to ${saved.landing_url ?? 'the default landing URL'} with ?${saved.link_param}=.`,
  });
  if (!program) return null;
  return (
    <AdminOnly what="Changing a program's landing page">
      <form
        className="card form inline"
        aria-label="Program landing page"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <label className="field">
          <span className="label">Program</span>
          <select name="program" value={programId} onChange={(event) => setProgramId(Number(event.target.value))}>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span className="label">Landing URL</span>
          <input name="landing_url" type="url" placeholder="https://shop.example.com/" value={landing} onChange={(event) => setLanding(event.target.value)} />
        </label>
        <label className="field">
          <span className="label">Link parameter</span>
          <input name="link_param" required pattern="[A-Za-z0-9_\-]{1,32}" value={param} onChange={(event) => setParam(event.target.value)} />
        </label>
        <button type="submit">Save</button>
        <ActionNote action={save} />
      </form>
    </AdminOnly>
  );
}

/** Referral links and the tracking snippet: settings, each program's landing page, and the workspace's clicks. */
export function LinksTab() {
  const { workspaceId, root } = useWorkspace();
  const settings = useQuery({ queryKey: [workspaceId, 'attribution-settings'], queryFn: () => get<AttributionSettings>(`${root}/attribution-settings`) });
  const programs = useQuery({ queryKey: [workspaceId, 'programs'], queryFn: () => get<Page<Program>>(`${root}/programs`, { limit: 200 }) });
  const clicks = useQuery({ queryKey: [workspaceId, 'clicks', 'workspace'], queryFn: () => get<ClickReport>(`${root}/clicks`) });
  const snippet = `<script src="${window.location.origin}/js/tributary.js" data-workspace="${workspaceId}" async></script>`;
  const programRows = listOf(programs).rows ?? [];
  return (
    <>
      <div className="card">
        <h3>Tracking snippet</h3>
        <p className="muted">
          Add to every page of the shop. With public visits on, a page opened through a referral link reports the visit and fills the opportunity id into
          Stripe Payment Links, Buy Buttons and <code>&lt;input data-tributary-oid&gt;</code>.
        </p>
        <pre className="snippet" aria-label="Snippet">{snippet}</pre>
      </div>
      <ErrorNote error={settings.error} />
      {/* Keyed by workspace, not by the settings: a save refetches them, and a remount would drop its note. */}
      {settings.data ? <SettingsForm key={workspaceId} settings={settings.data} /> : null}
      {programRows.length > 0 ? <ProgramLinkForm programs={programRows} /> : null}
      <DataList
        label="Program links"
        query={listOf(programs)}
        rowKey={(program) => program.id}
        empty="No programs yet."
        columns={[
          { header: 'Id', cell: (program) => program.id },
          { header: 'Program', cell: (program) => program.name },
          { header: 'Landing URL', cell: (program) => program.landing_url ?? <span className="muted">default</span> },
          { header: 'Parameter', cell: (program) => <code>{program.link_param}</code> },
          { header: 'Link', cell: (program) => <code>/r/CODE/{program.id}</code> },
        ]}
      />
      <div className="card">
        <h3>Clicks, last 30 days</h3>
        <ErrorNote error={clicks.error} />
        {clicks.data ? <ClickSummary report={clicks.data} label="Clicks of the workspace" /> : null}
      </div>
    </>
  );
}
