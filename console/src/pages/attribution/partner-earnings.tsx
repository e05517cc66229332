import type { CollaboratorLedger } from '../../api/types.ts';
import { formatMinor } from '../../lib/format.ts';

/** What the partner is owed and was paid, per currency, by status (the ledger's balance). */
export function Earnings({ ledger }: { ledger: CollaboratorLedger }) {
  if (ledger.balance.length === 0) return <p className="muted">Nothing earned yet.</p>;
  const columns = ['draft', 'flagged', 'hold', 'pending', 'paid', 'clawed_back', 'balance'] as const;
  return (
    <table className="table compact" aria-label="Earnings by status">
      <thead>
        <tr>
          <th>Currency</th>
          {columns.map((column) => (
            <th key={column} className="num">
              {column === 'clawed_back' ? 'clawed back' : column === 'balance' ? 'owed now' : column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ledger.balance.map((row) => (
          <tr key={row.currency}>
            <td>{row.currency}</td>
            {columns.map((column) => (
              <td key={column} className="num">
                {formatMinor(row[column], row.currency)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
