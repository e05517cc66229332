import { useState, type FormEvent } from 'react';
import { patch } from '../../api/client.ts';
import type { Program } from '../../api/types.ts';
import { LatestActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { formatAmounts, parseAmounts } from '../../lib/amounts.ts';
import { useWorkspace } from '../use-workspace.ts';

type Incentive = { type: 'percent'; basis_points: number } | { type: 'flat'; amounts: Record<string, number> };
type RenewalIncentive = { type: 'none' } | { type: 'same' } | Incentive;

/** The amounts of a flat incentive typed as text; a bad entry stops the save with its reason. */
function amountsOf(text: string): Record<string, number> {
  const parsed = parseAmounts(text);
  if ('error' in parsed) throw new Error(`Flat amounts: ${parsed.error}.`);
  return parsed.amounts;
}

function incentiveOf(type: string, basisPoints: string, amounts: string): Incentive {
  return type === 'flat' ? { type: 'flat', amounts: amountsOf(amounts) } : { type: 'percent', basis_points: Number(basisPoints) };
}

/**
 * A program's own fields (docs/attribution-api.md, Programs): name, incentives, attribution,
 * approval, renewals and links, saved with one PATCH; and Archive / Restore (`status`), which keeps
 * the program's history where a delete could not. Holds, enrollment and fraud rules are in
 * `ProgramSettings` below it.
 */
export function ProgramEditor({ program }: { program: Program }) {
  const { workspaceId, root } = useWorkspace();
  const incentive = program.incentive as Incentive;
  const renewal = program.renewal_incentive as RenewalIncentive;
  const [name, setName] = useState(program.name);
  const [incentiveType, setIncentiveType] = useState<string>(incentive.type);
  const [basisPoints, setBasisPoints] = useState(incentive.type === 'percent' ? String(incentive.basis_points) : '1000');
  const [amounts, setAmounts] = useState(incentive.type === 'flat' ? formatAmounts(incentive.amounts) : 'USD 500');
  const [leadAmount, setLeadAmount] = useState(program.lead_incentive?.amount === undefined ? '' : String(program.lead_incentive.amount));
  const [leadCurrency, setLeadCurrency] = useState(program.lead_incentive?.currency ?? 'USD');
  const [windowDays, setWindowDays] = useState(String(program.attribution_window_days ?? 30));
  const [model, setModel] = useState(program.attribution_model);
  const [trigger, setTrigger] = useState(program.engagement_trigger);
  const [approval, setApproval] = useState(program.approval);
  const [renewalType, setRenewalType] = useState<string>(renewal.type);
  const [renewalBasisPoints, setRenewalBasisPoints] = useState(renewal.type === 'percent' ? String(renewal.basis_points) : '500');
  const [renewalAmounts, setRenewalAmounts] = useState(renewal.type === 'flat' ? formatAmounts(renewal.amounts) : 'USD 200');
  const [renewalPeriods, setRenewalPeriods] = useState(program.renewal_limit?.periods === undefined ? '' : String(program.renewal_limit.periods));
  const [renewalMonths, setRenewalMonths] = useState(program.renewal_limit?.months === undefined ? '' : String(program.renewal_limit.months));
  const [landing, setLanding] = useState(program.landing_url ?? '');
  const [linkParam, setLinkParam] = useState(program.link_param);
  const refresh = [
    [workspaceId, 'programs'],
    [workspaceId, 'program-groups'],
  ];
  const save = useAction({
    run: () => {
      const limit = {
        ...(renewalPeriods === '' ? {} : { periods: Number(renewalPeriods) }),
        ...(renewalMonths === '' ? {} : { months: Number(renewalMonths) }),
      };
      return patch<Program>(`${root}/programs/${program.id}`, {
        name,
        incentive: incentiveOf(incentiveType, basisPoints, amounts),
        lead_incentive: leadAmount === '' ? null : { amount: Number(leadAmount), currency: leadCurrency },
        attribution_window_days: Number(windowDays),
        attribution_model: model,
        engagement_trigger: trigger,
        approval,
        renewal_incentive: renewalType === 'none' || renewalType === 'same' ? { type: renewalType } : incentiveOf(renewalType, renewalBasisPoints, renewalAmounts),
        renewal_limit: Object.keys(limit).length === 0 ? null : limit,
        landing_url: landing === '' ? null : landing,
        link_param: linkParam,
      });
    },
    refresh,
    done: (saved) => `Program “${saved.name}” saved.`,
  });
  const archive = useAction({
    run: () => patch<Program>(`${root}/programs/${program.id}`, { status: program.status === 'active' ? 'inactive' : 'active' }),
    refresh,
    done: (saved) => (saved.status === 'active' ? `Program “${saved.name}” restored: it awards again.` : `Program “${saved.name}” archived: it awards nothing new; its history stays.`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <div className="card">
      <h3>Program {program.name}</h3>
      <AdminOnly what="Changing a program">
        <form className="form" onSubmit={submit} aria-label="Program details">
          <div className="row">
            <label className="field grow">
              <span className="label">Program name</span>
              <input name="edit-program-name" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
            </label>
            <label className="field">
              <span className="label">Commission</span>
              <select name="incentive-type" value={incentiveType} onChange={(event) => setIncentiveType(event.target.value)}>
                <option value="percent">percent of the sale</option>
                <option value="flat">flat amount per sale</option>
              </select>
            </label>
            {incentiveType === 'percent' ? (
              <label className="field">
                <span className="label">Basis points (1000 = 10 %)</span>
                <input name="incentive-basis-points" type="number" min={0} max={10000} step={1} required value={basisPoints} onChange={(event) => setBasisPoints(event.target.value)} />
              </label>
            ) : (
              <label className="field">
                <span className="label">Amounts (minor units: USD 500, EUR 450)</span>
                <input name="incentive-amounts" required value={amounts} onChange={(event) => setAmounts(event.target.value)} />
              </label>
            )}
            <label className="field">
              <span className="label">Lead reward (minor units, empty: none)</span>
              <input name="lead-amount" type="number" min={0} step={1} value={leadAmount} onChange={(event) => setLeadAmount(event.target.value)} />
            </label>
            <label className="field">
              <span className="label">Lead currency</span>
              <input name="lead-currency" pattern="[A-Z]{3}" value={leadCurrency} onChange={(event) => setLeadCurrency(event.target.value.toUpperCase())} />
            </label>
          </div>
          <div className="row">
            <label className="field">
              <span className="label">Attribution window (days)</span>
              <input name="attribution_window_days" type="number" min={1} max={3650} required value={windowDays} onChange={(event) => setWindowDays(event.target.value)} />
            </label>
            <label className="field">
              <span className="label">Model</span>
              <select name="attribution_model" value={model} onChange={(event) => setModel(event.target.value)}>
                <option value="last_touch">last touch</option>
                <option value="first_touch">first touch</option>
              </select>
            </label>
            <label className="field">
              <span className="label">Engagements from</span>
              <select name="engagement_trigger" value={trigger} onChange={(event) => setTrigger(event.target.value)}>
                <option value="any">referrals and coupons</option>
                <option value="referral">referrals only</option>
                <option value="coupon">coupons only</option>
              </select>
            </label>
            <label className="field">
              <span className="label">Conversions approved</span>
              <select name="edit-approval" value={approval} onChange={(event) => setApproval(event.target.value)}>
                <option value="on_payment">on payment</option>
                <option value="manual">by an admin</option>
              </select>
            </label>
          </div>
          <div className="row">
            <label className="field">
              <span className="label">Renewals earn</span>
              <select name="renewal-type" value={renewalType} onChange={(event) => setRenewalType(event.target.value)}>
                <option value="same">as the sale</option>
                <option value="none">nothing</option>
                <option value="percent">a percent</option>
                <option value="flat">a flat amount</option>
              </select>
            </label>
            {renewalType === 'percent' ? (
              <label className="field">
                <span className="label">Renewal basis points</span>
                <input name="renewal-basis-points" type="number" min={0} max={10000} step={1} required value={renewalBasisPoints} onChange={(event) => setRenewalBasisPoints(event.target.value)} />
              </label>
            ) : null}
            {renewalType === 'flat' ? (
              <label className="field">
                <span className="label">Renewal amounts (USD 200)</span>
                <input name="renewal-amounts" required value={renewalAmounts} onChange={(event) => setRenewalAmounts(event.target.value)} />
              </label>
            ) : null}
            <label className="field">
              <span className="label">Renewals that earn (empty: all)</span>
              <input name="renewal-periods" type="number" min={1} max={10000} value={renewalPeriods} onChange={(event) => setRenewalPeriods(event.target.value)} />
            </label>
            <label className="field">
              <span className="label">… or months after the sale</span>
              <input name="renewal-months" type="number" min={1} max={1200} value={renewalMonths} onChange={(event) => setRenewalMonths(event.target.value)} />
            </label>
          </div>
          <div className="row">
            <label className="field grow">
              <span className="label">Landing URL (empty: the workspace default)</span>
              <input name="edit-landing-url" type="url" placeholder="https://shop.example.com/" value={landing} onChange={(event) => setLanding(event.target.value)} />
            </label>
            <label className="field">
              <span className="label">Link parameter</span>
              <input name="edit-link-param" required pattern="[A-Za-z0-9_\-]{1,32}" value={linkParam} onChange={(event) => setLinkParam(event.target.value)} />
            </label>
          </div>
          <div className="row">
            <button type="submit" className="primary" disabled={save.isPending}>
              Save program
            </button>
            <button type="button" className={program.status === 'active' ? 'danger' : undefined} disabled={archive.isPending} onClick={() => archive.mutate()}>
              {program.status === 'active' ? 'Archive program' : 'Restore program'}
            </button>
          </div>
        </form>
      </AdminOnly>
      <LatestActionNote actions={[save, archive]} />
    </div>
  );
}
