import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { get, put } from '../api/client.ts';
import type { KindRateLimit, RateLimits } from '../api/types.ts';
import { ActionNote, useAction } from '../components/action.tsx';
import { useAdmin } from '../components/admin-only.tsx';
import { ErrorNote, Loading } from '../components/states.tsx';
import { useIsOperator } from '../lib/access.ts';
import { shortTime } from '../lib/format.ts';
import { useWorkspace } from './use-workspace.ts';

type Kind = 'write_key' | 'api_key';
const KINDS: ReadonlyArray<[Kind, string]> = [
  ['write_key', 'Each write key'],
  ['api_key', 'Each API key'],
];

/** A kind's row of the form: the server's default, or this workspace's own rate and burst. */
interface Draft {
  own: boolean;
  perSecond: string;
  burst: string;
}

const draftOf = (limit: KindRateLimit): Draft => ({
  own: limit.source === 'workspace',
  perSecond: String(limit.per_second),
  burst: limit.per_second === 0 ? '' : String(limit.burst),
});

/** A number when the text is one; otherwise the text itself, which the API refuses with the field named. */
const numberOr = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

/** The PUT body of one kind: null for the default; the API validates the values. */
function bodyOf(draft: Draft): { per_second: number | string; burst?: number | string } | null {
  if (!draft.own) return null;
  return { per_second: numberOr(draft.perSecond), ...(draft.burst.trim() === '' ? {} : { burst: numberOr(draft.burst) }) };
}

const summary = (limit: KindRateLimit) =>
  limit.per_second === 0 ? 'not limited' : `${limit.per_second.toLocaleString('en')} requests/s, bursts of ${limit.burst.toLocaleString('en')}`;

/**
 * The workspace's rate limits per key (docs/operations.md): what applies to each write key and
 * each API key, and where it comes from. Admin keys read them; only the operator token changes
 * them, so the form is shown to it alone.
 */
export function RateLimitsSection() {
  const admin = useAdmin();
  return admin ? <RateLimitsCard /> : null;
}

function RateLimitsCard() {
  const { workspaceId, root } = useWorkspace();
  const operator = useIsOperator();
  const limits = useQuery({ queryKey: [workspaceId, 'rate-limits'], queryFn: () => get<RateLimits>(`${root}/settings/rate-limits`) });
  return (
    <div className="card">
      <h2>Rate limits</h2>
      <p className="muted">
        Requests each key may make; over it, the key is answered 429 with Retry-After (Segment&apos;s SDKs wait and send again). A batch counts as one request.
      </p>
      {limits.isPending ? <Loading /> : null}
      {limits.error ? <ErrorNote error={limits.error} /> : null}
      {limits.data ? (
        <>
          <table className="table" aria-label="Rate limits">
            <thead>
              <tr>
                <th>Key</th>
                <th>Limit</th>
                <th>Set by</th>
              </tr>
            </thead>
            <tbody>
              {KINDS.map(([kind, label]) => (
                <tr key={kind}>
                  <td>{label}</td>
                  <td>{summary(limits.data[kind])}</td>
                  <td>{limits.data[kind].source === 'workspace' ? 'this workspace' : 'server default'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {limits.data.updated_at ? <p className="muted">Changed {shortTime(limits.data.updated_at)}.</p> : null}
          {operator ? (
            <RateLimitsForm current={limits.data} />
          ) : operator === false ? (
            <p className="muted note" role="note">
              Only the operator token changes rate limits: they protect the server from this workspace&apos;s own clients.
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function RateLimitsForm({ current }: { current: RateLimits }) {
  const { workspaceId, root } = useWorkspace();
  const [drafts, setDrafts] = useState<Record<Kind, Draft>>({ write_key: draftOf(current.write_key), api_key: draftOf(current.api_key) });
  useEffect(() => setDrafts({ write_key: draftOf(current.write_key), api_key: draftOf(current.api_key) }), [current]);
  const save = useAction({
    run: () => put<RateLimits>(`${root}/settings/rate-limits`, { write_key: bodyOf(drafts.write_key), api_key: bodyOf(drafts.api_key) }),
    refresh: [[workspaceId, 'rate-limits']],
    done: (saved) => `Rate limits saved: write keys ${summary(saved.write_key)}, API keys ${summary(saved.api_key)}.`,
  });
  const change = (kind: Kind, patch: Partial<Draft>) => setDrafts({ ...drafts, [kind]: { ...drafts[kind], ...patch } });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="form" onSubmit={submit} aria-label="Change rate limits">
      {KINDS.map(([kind, label]) => (
        <fieldset key={kind} className="form inline">
          <legend className="label">{label}</legend>
          <label className="field">
            <span className="label">Use</span>
            <select aria-label={`${label}: use`} value={drafts[kind].own ? 'own' : 'default'} onChange={(event) => change(kind, { own: event.target.value === 'own' })}>
              <option value="default">server default</option>
              <option value="own">this workspace&apos;s limit</option>
            </select>
          </label>
          <label className="field">
            <span className="label">Requests per second (0: no limit)</span>
            <input
              aria-label={`${label}: requests per second`}
              inputMode="numeric"
              disabled={!drafts[kind].own}
              value={drafts[kind].perSecond}
              onChange={(event) => change(kind, { perSecond: event.target.value })}
            />
          </label>
          <label className="field">
            <span className="label">Burst (blank: one second&apos;s worth)</span>
            <input
              aria-label={`${label}: burst`}
              inputMode="numeric"
              disabled={!drafts[kind].own}
              value={drafts[kind].burst}
              onChange={(event) => change(kind, { burst: event.target.value })}
            />
          </label>
        </fieldset>
      ))}
      <button type="submit" className="primary" disabled={save.isPending}>
        Save rate limits
      </button>
      <ActionNote action={save} />
    </form>
  );
}
