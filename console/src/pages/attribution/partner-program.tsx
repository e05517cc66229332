import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, patch, post, type Page } from '../../api/client.ts';
import type { Enrollment, FlaggedConversion, FraudAction, FraudRules, Program } from '../../api/types.ts';
import { ActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { ErrorNote, Status } from '../../components/states.tsx';
import { formatMinor, shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { useNames } from './names.ts';

/** An enrollment as a PATCH answers it: approving a sign-up form application adds the login link it sent. */
type DecidedEnrollment = Enrollment & { login_link?: { url: string; expires_at: string | null } };

const RULES = [
  ['self_referral', "Self-referral (buyer's email, user id or address is the partner's)"],
  ['own_coupon', "Partner's own coupon"],
  ['already_referred', 'Customer already referred by another partner'],
] as const;

/**
 * A program's partner-program settings (issue 18): holding period, minimum payout, enrollment and
 * fraud rules, saved with one PATCH; and, when the program takes enrollments, who is enrolled.
 */
export function ProgramSettings({ program }: { program: Program }) {
  const { workspaceId, root } = useWorkspace();
  const [holdDays, setHoldDays] = useState(String(program.hold_days));
  const [enrollment, setEnrollment] = useState(program.enrollment);
  const minimum = Object.entries(program.minimum_payouts ?? {})[0];
  const [minimumCurrency, setMinimumCurrency] = useState(minimum?.[0] ?? 'USD');
  const [minimumAmount, setMinimumAmount] = useState(minimum ? String(minimum[1]) : '');
  const [rules, setRules] = useState<FraudRules>(program.fraud_rules);
  const [fastSeconds, setFastSeconds] = useState(String(program.fraud_rules.fast_conversion?.seconds ?? 30));
  const save = useAction({
    run: () =>
      patch<Program>(`${root}/programs/${program.id}`, {
        hold_days: Number(holdDays),
        enrollment,
        minimum_payouts: minimumAmount === '' ? null : { [minimumCurrency]: Number(minimumAmount) },
        fraud_rules: rules,
      }),
    refresh: [[workspaceId, 'programs']],
    done: () => `Program “${program.name}” saved.`,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const setRule = (rule: keyof FraudRules, action: FraudAction) => setRules({ ...rules, [rule]: action });
  return (
    <div className="card">
      <h3>Partner program settings of {program.name}</h3>
      <AdminOnly what="Changing a program">
        <form className="form" onSubmit={submit} aria-label="Program settings">
          <div className="row">
            <label className="field">
              <span className="label">Holding period (days)</span>
              <input name="hold_days" type="number" min={0} max={365} required value={holdDays} onChange={(event) => setHoldDays(event.target.value)} />
            </label>
            <label className="field">
              <span className="label">Enrollment</span>
              <select name="enrollment" value={enrollment} onChange={(event) => setEnrollment(event.target.value as Program['enrollment'])}>
                <option value="open">open: every active partner earns</option>
                <option value="approval">approval: partners apply, you approve</option>
                <option value="invite">invite: only partners you invite</option>
              </select>
            </label>
            <label className="field">
              <span className="label">Minimum payout (minor units, empty: none)</span>
              <input name="minimum_amount" type="number" min={0} value={minimumAmount} onChange={(event) => setMinimumAmount(event.target.value)} />
            </label>
            <label className="field">
              <span className="label">Currency</span>
              <input name="minimum_currency" pattern="[A-Z]{3}" value={minimumCurrency} onChange={(event) => setMinimumCurrency(event.target.value.toUpperCase())} />
            </label>
          </div>
          <fieldset className="row">
            <legend>Fraud rules</legend>
            {RULES.map(([rule, label]) => (
              <label className="field" key={rule}>
                <span className="label">{label}</span>
                <select name={rule} value={rules[rule] ?? 'allow'} onChange={(event) => setRule(rule, event.target.value as FraudAction)}>
                  <option value="allow">allow</option>
                  <option value="flag">flag for review</option>
                  <option value="block">block</option>
                </select>
              </label>
            ))}
            <label className="field">
              <span className="label">Banned partner's referral</span>
              <select name="banned_collaborator" value={rules.banned_collaborator ?? ''} onChange={(event) => {
                const { banned_collaborator: _old, ...rest } = rules;
                setRules(event.target.value === '' ? rest : { ...rest, banned_collaborator: event.target.value as FraudAction });
              }}>
                <option value="">passed over to the next partner (default)</option>
                <option value="allow">allow (paid once unbanned)</option>
                <option value="flag">flag for review</option>
                <option value="block">block: nobody earns the sale</option>
              </select>
            </label>
            <label className="field">
              <span className="label">Sale faster than (seconds) after the click</span>
              <input name="fast_seconds" type="number" min={1} max={86400} value={fastSeconds} onChange={(event) => {
                setFastSeconds(event.target.value);
                if (rules.fast_conversion) setRules({ ...rules, fast_conversion: { action: rules.fast_conversion.action, seconds: Number(event.target.value) } });
              }} />
            </label>
            <label className="field">
              <span className="label">… is</span>
              <select name="fast_conversion" value={rules.fast_conversion?.action ?? 'allow'} onChange={(event) => {
                const action = event.target.value as FraudAction;
                const { fast_conversion: _old, ...rest } = rules;
                setRules(action === 'allow' ? rest : { ...rest, fast_conversion: { action, seconds: Number(fastSeconds) } });
              }}>
                <option value="allow">allowed</option>
                <option value="flag">flagged for review</option>
                <option value="block">blocked</option>
              </select>
            </label>
          </fieldset>
          <button type="submit" className="primary" disabled={save.isPending}>
            Save settings
          </button>
        </form>
      </AdminOnly>
      <ActionNote action={save} />
      {program.enrollment === 'open' ? (
        <p className="muted">Every active partner earns in this program. Choose approval or invite to pay enrolled partners only.</p>
      ) : (
        <Enrollments program={program} />
      )}
    </div>
  );
}

function Enrollments({ program }: { program: Program }) {
  const { workspaceId, root } = useWorkspace();
  const [collaboratorId, setCollaboratorId] = useState('');
  const key = [workspaceId, 'enrollments', program.id];
  const list = useQuery({ queryKey: key, queryFn: () => get<Page<Enrollment>>(`${root}/programs/${program.id}/enrollments`, { limit: 200 }) });
  const enroll = useAction({
    run: () => post<Enrollment>(`${root}/programs/${program.id}/enrollments`, { collaborator_id: Number(collaboratorId) }),
    refresh: [key],
    done: (created) => `Partner ${created.collaborator_id} is ${created.status}.`,
    onSuccess: () => setCollaboratorId(''),
  });
  const partnerName = useNames('collaborators');
  const move = useAction({
    run: ({ id, status }: { id: number; status: Enrollment['status'] }) => patch<DecidedEnrollment>(`${root}/programs/${program.id}/enrollments/${id}`, { status }),
    // An approved application activates the applicant: the partner list changes too.
    refresh: [key, [workspaceId, 'collaborators']],
    done: (changed) =>
      changed.login_link
        ? `${partnerName(changed.collaborator_id)} is approved. Their sign-in link (also sent as the collaborator.login_link_created webhook), valid once until ${shortTime(changed.login_link.expires_at)}: ${changed.login_link.url}`
        : `Enrollment of ${partnerName(changed.collaborator_id)} is ${changed.status}.`,
  });
  const signUpUrl = `${window.location.origin}/partners/apply/${encodeURIComponent(workspaceId)}/${program.id}`;
  return (
    <>
      <h3>Enrolled partners</h3>
      {program.enrollment === 'approval' && program.status === 'active' ? (
        <p>
          Partners apply through the portal's sign-up form: <code data-testid="sign-up-url">{signUpUrl}</code>. Their applications appear here as <em>applied</em>.
        </p>
      ) : null}
      <ActionNote action={enroll} />
      <ActionNote action={move} />
      <DataList
        label="Enrollments"
        frame="bare"
        query={listOf(list)}
        rowKey={(row) => row.id}
        empty="Nobody is enrolled: no partner earns in this program yet."
        columns={[
          { header: 'Partner', cell: (row) => `${partnerName(row.collaborator_id)} (#${row.collaborator_id})` },
          { header: 'Status', cell: (row) => <Status value={row.status} /> },
          { header: 'Since', cell: (row) => shortTime(row.updated_at) },
          {
            header: '',
            cell: (row) => (
              <AdminOnly what="Changing an enrollment">
                {row.status !== 'approved' ? (
                  <button type="button" onClick={() => move.mutate({ id: row.id, status: 'approved' })}>
                    Approve
                  </button>
                ) : null}
                {row.status === 'applied' ? (
                  <button type="button" onClick={() => move.mutate({ id: row.id, status: 'rejected' })}>
                    Reject
                  </button>
                ) : null}
                {row.status === 'approved' || row.status === 'invited' ? (
                  <button type="button" onClick={() => move.mutate({ id: row.id, status: 'removed' })}>
                    Remove
                  </button>
                ) : null}
              </AdminOnly>
            ),
          },
        ]}
      />
      <AdminOnly what="Enrolling a partner">
        <form
          className="row"
          aria-label="Enroll a partner"
          onSubmit={(event) => {
            event.preventDefault();
            enroll.mutate();
          }}
        >
          <label className="field">
            <span className="label">Partner id</span>
            <input name="collaborator_id" type="number" min={1} required value={collaboratorId} onChange={(event) => setCollaboratorId(event.target.value)} />
          </label>
          <button type="submit">{program.enrollment === 'invite' ? 'Invite' : 'Enroll'}</button>
        </form>
      </AdminOnly>
    </>
  );
}

/** The fraud review queue: conversions a program's fraud rules flagged, to approve or reject. */
export function FraudReviewTab() {
  const { workspaceId, root } = useWorkspace();
  const key = [workspaceId, 'fraud-review'];
  const list = useQuery({ queryKey: key, queryFn: () => get<Page<FlaggedConversion>>(`${root}/fraud-review`, { limit: 200 }) });
  const review = useAction({
    run: ({ id, decision }: { id: number; decision: 'approve' | 'reject' }) => post<{ id: number; status: string }>(`${root}/conversions/${id}/${decision}`, {}),
    refresh: [key, [workspaceId, 'conversions'], [workspaceId, 'obligations']],
    done: (conversion) => `Conversion ${conversion.id} ${conversion.status}.`,
  });
  return (
    <>
      <ActionNote action={review} />
      <ErrorNote error={list.error} />
      <DataList
        label="Fraud review"
        query={listOf(list)}
        rowKey={(row) => row.id}
        empty="Nothing to review: no sale matched a program's flag rules."
        columns={[
          { header: 'Conversion', cell: (row) => row.id },
          { header: 'Program', cell: (row) => row.program_id },
          { header: 'Partner', cell: (row) => row.collaborator_id },
          { header: 'Commission', cell: (row) => formatMinor(row.amount, row.currency) },
          { header: 'Why', cell: (row) => (row.fraud_reasons ?? []).join(', ') },
          { header: 'When', cell: (row) => shortTime(row.created_at) },
          {
            header: '',
            cell: (row) => (
              <AdminOnly what="Reviewing a conversion">
                <button type="button" onClick={() => review.mutate({ id: row.id, decision: 'approve' })}>
                  Approve
                </button>{' '}
                <button type="button" onClick={() => review.mutate({ id: row.id, decision: 'reject' })}>
                  Reject
                </button>
              </AdminOnly>
            ),
          },
        ]}
      />
    </>
  );
}

/** A one-time sign-in link to the partner portal for a partner, shown to copy and send. */
export function LoginLink({ collaboratorId, name }: { collaboratorId: number; name: string }) {
  const { root } = useWorkspace();
  const create = useAction({
    refresh: [],
    run: () => post<{ url: string; expires_at: string }>(`${root}/collaborators/${collaboratorId}/login-links`, {}),
    done: (link) => `Sign-in link for ${name}, valid once until ${shortTime(link.expires_at)}: ${link.url}`,
  });
  return (
    <AdminOnly what="Creating a portal sign-in link">
      <div className="row">
        <button type="button" onClick={() => create.mutate()} disabled={create.isPending}>
          Create portal sign-in link
        </button>
      </div>
      <ActionNote action={create} />
    </AdminOnly>
  );
}
