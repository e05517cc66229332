import type { ClickReport } from '../../api/types.ts';

/** A referral link as the shopper clicks it: Tributary's own origin (the console is served from it). */
export function linkOf(code: string, programId?: number): string {
  return `${window.location.origin}/r/${encodeURIComponent(code)}${programId === undefined ? '' : `/${programId}`}`;
}

/** Clicks over a report's range: the totals, then the days that had any, newest first. */
export function ClickSummary({ report, label }: { report: ClickReport; label: string }) {
  const days = report.days.filter((day) => day.clicks + day.invalid_clicks > 0).reverse();
  return (
    <div aria-label={label}>
      <p>
        <strong>{report.clicks}</strong> clicks, <strong>{report.invalid_clicks}</strong> invalid, {report.from} to {report.to} (UTC)
      </p>
      {days.length > 0 ? (
        <table className="table compact">
          <thead>
            <tr>
              <th>Day</th>
              <th>Clicks</th>
              <th>Invalid</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <td>{day.day}</td>
                <td>{day.clicks}</td>
                <td>{day.invalid_clicks}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
