import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { get } from '../../api/client.ts';
import type { Report, ReportRow } from '../../api/types.ts';
import { EarningsChart } from '../../components/earnings-chart.tsx';
import { Empty, ErrorNote, Loading } from '../../components/states.tsx';
import { currenciesOf, earningsSeries, type Measure } from '../../lib/earnings.ts';
import { formatMinor } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { useNames } from './names.ts';

const MEASURES: ReadonlyArray<[Measure, string]> = [
  ['earned', 'Earned (commissions issued)'],
  ['paid', 'Paid'],
  ['pending', 'Pending (payable)'],
  ['hold', 'On hold'],
  ['flagged', 'Flagged'],
  ['revenue', 'Referred revenue'],
  ['refunded', 'Refunded'],
  ['clawed_back', 'Clawed back'],
];

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One report (per partner or per program) as a chart of the chosen measure, and its totals. */
function ReportChart({ title, report, idOf, nameOf, currency, measure }: {
  title: string;
  report: Report;
  idOf: (row: ReportRow) => number;
  nameOf: (id: number | null) => string;
  currency: string;
  measure: Measure;
}) {
  const series = useMemo(() => earningsSeries(report.data, idOf, report, currency, measure), [report, idOf, currency, measure]);
  const label = `${title}, ${measure} in ${currency}`;
  return (
    <div className="card">
      <h3>{title}</h3>
      {series.lines.length === 0 ? (
        <Empty title={`Nothing ${measure} in ${currency} in this range.`} />
      ) : (
        <>
          <EarningsChart series={series} currency={currency} nameOf={nameOf} label={label} />
          <table className="table compact" aria-label={`${label}, totals`}>
            <thead>
              <tr>
                <th>Name</th>
                <th className="num">Total</th>
              </tr>
            </thead>
            <tbody>
              {series.lines.map((line) => (
                <tr key={line.id ?? 'others'}>
                  <td>{nameOf(line.id)}</td>
                  <td className="num">{formatMinor(line.total, currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

const byCollaborator = (row: ReportRow) => row.collaborator_id ?? 0;
const byProgram = (row: ReportRow) => row.program_id ?? 0;

/**
 * Reports (docs/reports.md): what partners and programs earned per day, as charts. Both reports
 * come from the API's daily rows; one currency at a time, since amounts in two currencies never add up.
 */
export function ReportsTab() {
  const { workspaceId, root } = useWorkspace();
  const [from, setFrom] = useState(() => isoDay(Date.now() - 29 * DAY));
  const [to, setTo] = useState(() => isoDay(Date.now()));
  const [measure, setMeasure] = useState<Measure>('earned');
  const [picked, setPicked] = useState('');
  // `to` is exclusive in the API; the form's "to" day is included.
  const range = { from, to: isoDay(Date.parse(to) + DAY) };
  const collaborators = useQuery({ queryKey: [workspaceId, 'reports', 'collaborators', range], queryFn: () => get<Report>(`${root}/reports/collaborators`, range) });
  const programs = useQuery({ queryKey: [workspaceId, 'reports', 'programs', range], queryFn: () => get<Report>(`${root}/reports/programs`, range) });
  const partnerName = useNames('collaborators');
  const programName = useNames('programs');
  const currencies = currenciesOf([...(collaborators.data?.data ?? []), ...(programs.data?.data ?? [])]);
  const currency = currencies.includes(picked) ? picked : (currencies[0] ?? '');
  const others = (name: (id: number) => string) => (id: number | null) => (id === null ? 'Others' : name(id));
  return (
    <>
      <form className="card form inline" aria-label="Report range" onSubmit={(event) => event.preventDefault()}>
        <label className="field">
          <span className="label">From</span>
          <input name="from" type="date" value={from} max={to} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label className="field">
          <span className="label">To (included)</span>
          <input name="to" type="date" value={to} min={from} onChange={(event) => setTo(event.target.value)} />
        </label>
        <label className="field">
          <span className="label">Measure</span>
          <select name="measure" value={measure} onChange={(event) => setMeasure(event.target.value as Measure)}>
            {MEASURES.map(([key, text]) => (
              <option key={key} value={key}>
                {text}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="label">Currency</span>
          <select name="currency" value={currency} onChange={(event) => setPicked(event.target.value)} disabled={currencies.length === 0}>
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ErrorNote error={collaborators.error ?? programs.error} />
      {collaborators.isPending || programs.isPending ? <Loading /> : null}
      {collaborators.data && programs.data && currencies.length === 0 ? <Empty title="No money in this range yet: referred sales show here by day." /> : null}
      {collaborators.data && currency ? (
        <ReportChart title="Earnings per partner" report={collaborators.data} idOf={byCollaborator} nameOf={others(partnerName)} currency={currency} measure={measure} />
      ) : null}
      {programs.data && currency ? (
        <ReportChart title="Earnings per program" report={programs.data} idOf={byProgram} nameOf={others(programName)} currency={currency} measure={measure} />
      ) : null}
    </>
  );
}
