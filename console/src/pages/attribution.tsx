import { useSearchParams } from 'react-router';
import { CollaboratorsTab } from './attribution/collaborators.tsx';
import { CouponsTab } from './attribution/coupons.tsx';
import { DistributionsTab } from './attribution/distributions.tsx';
import { ProgramGroupsTab } from './attribution/program-groups.tsx';
import { RefundsTab } from './attribution/refunds.tsx';
import { ReportsTab } from './attribution/reports.tsx';
import { DomainEventsTab } from './attribution/domain-events.tsx';
import { FulfillmentsTab } from './attribution/fulfillments.tsx';
import { ConversionsTab, ObligationsTab } from './attribution/ledger.tsx';
import { LinksTab } from './attribution/links.tsx';
import { ProgramsTab } from './attribution/programs.tsx';
import { FraudReviewTab } from './attribution/partner-program.tsx';

const TABS = [
  ['collaborators', 'Collaborators'],
  ['programs', 'Programs'],
  ['program-groups', 'Program groups'],
  ['coupons', 'Coupons'],
  ['links', 'Links & clicks'],
  ['conversions', 'Conversions'],
  ['refunds', 'Refunds'],
  ['obligations', 'Obligations'],
  ['fraud-review', 'Fraud review'],
  ['fulfillments', 'Fulfillments & payouts'],
  ['distributions', 'Distributions'],
  ['reports', 'Reports'],
  ['log', 'Domain-event log'],
] as const;

type Tab = (typeof TABS)[number][0];

/** Attribution: one tab per part of the ledger; the tab and its filters live in the URL. */
export default function AttributionPage() {
  const [params, setParams] = useSearchParams();
  const tab = (TABS.find(([key]) => key === params.get('tab'))?.[0] ?? 'collaborators') as Tab;
  const select = (key: Tab) => setParams({ tab: key });
  return (
    <section>
      <h1>Attribution</h1>
      <div className="tabs" role="tablist" aria-label="Attribution">
        {TABS.map(([key, label]) => (
          <button key={key} type="button" role="tab" aria-selected={tab === key} className={tab === key ? 'tab on' : 'tab'} onClick={() => select(key)}>
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'collaborators' ? <CollaboratorsTab /> : null}
        {tab === 'programs' ? <ProgramsTab /> : null}
        {tab === 'program-groups' ? <ProgramGroupsTab /> : null}
        {tab === 'coupons' ? <CouponsTab /> : null}
        {tab === 'links' ? <LinksTab /> : null}
        {tab === 'conversions' ? <ConversionsTab onShowLog={(id) => setParams({ tab: 'log', inbound_event_id: id })} /> : null}
        {tab === 'refunds' ? <RefundsTab /> : null}
        {tab === 'obligations' ? <ObligationsTab /> : null}
        {tab === 'fraud-review' ? <FraudReviewTab /> : null}
        {tab === 'fulfillments' ? <FulfillmentsTab onShowLog={(id) => setParams({ tab: 'log', inbound_event_id: id })} /> : null}
        {tab === 'distributions' ? <DistributionsTab /> : null}
        {tab === 'reports' ? <ReportsTab /> : null}
        {tab === 'log' ? <DomainEventsTab inboundEventId={params.get('inbound_event_id') ?? ''} onPick={(id) => setParams({ tab: 'log', inbound_event_id: id })} /> : null}
      </div>
    </section>
  );
}
