import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, post, type Page } from '../../api/client.ts';
import { Empty, ErrorNote, Loading, Status } from '../../components/states.tsx';
import { formatMinor } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';

interface Program {
  id: number;
  name: string;
  status: string;
  incentive: { type: 'percent'; basis_points: number } | { type: 'flat'; amounts: Record<string, number> };
  attribution_window_days: number;
  attribution_model: string;
  approval: string;
}

/** "12.5 %" from basis points, by integer arithmetic. */
function percent(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = basisPoints % 100;
  return rest === 0 ? `${whole} %` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')} %`;
}

function describe(incentive: Program['incentive']): string {
  if (incentive.type === 'percent') return percent(incentive.basis_points);
  return Object.entries(incentive.amounts)
    .map(([currency, amount]) => formatMinor(amount, currency))
    .join(', ');
}

/** Programs: what a referred sale earns and how conversions are approved. */
export function ProgramsTab() {
  const { workspaceId, root } = useWorkspace();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [basisPoints, setBasisPoints] = useState('1000');
  const [approval, setApproval] = useState('on_payment');
  const list = useQuery({ queryKey: [workspaceId, 'programs'], queryFn: () => get<Page<Program>>(`${root}/programs`, { limit: 200 }) });
  const create = useMutation({
    mutationFn: () => post<Program>(`${root}/programs`, { name, incentive: { type: 'percent', basis_points: Number(basisPoints) }, approval }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: [workspaceId, 'programs'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <form className="card form inline" onSubmit={submit} aria-label="New program">
        <label className="field grow">
          <span className="label">Name</span>
          <input name="program-name" required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field">
          <span className="label">Commission (basis points, 1000 = 10 %)</span>
          <input name="basis_points" type="number" min={0} max={10000} step={1} required value={basisPoints} onChange={(event) => setBasisPoints(event.target.value)} />
        </label>
        <label className="field">
          <span className="label">Approval</span>
          <select name="approval" value={approval} onChange={(event) => setApproval(event.target.value)}>
            <option value="on_payment">on payment</option>
            <option value="manual">manual</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Add program
        </button>
      </form>
      <ErrorNote error={create.error ?? list.error} />
      {list.isPending ? <Loading /> : null}
      {list.data?.data.length === 0 ? <Empty title="No programs yet: a program says what a referral earns." /> : null}
      {list.data && list.data.data.length > 0 ? (
        <div className="card scroll">
          <table className="table" aria-label="Programs">
            <thead>
              <tr>
                <th>Id</th>
                <th>Name</th>
                <th>Incentive</th>
                <th>Window</th>
                <th>Model</th>
                <th>Approval</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((program) => (
                <tr key={program.id}>
                  <td>{program.id}</td>
                  <td>{program.name}</td>
                  <td>{describe(program.incentive)}</td>
                  <td>{program.attribution_window_days} d</td>
                  <td>{program.attribution_model}</td>
                  <td>{program.approval}</td>
                  <td>
                    <Status value={program.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
