import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get, post, type Page } from '../../api/client.ts';
import type { Program } from '../../api/types.ts';
import { ActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { DataList, listOf } from '../../components/data-list.tsx';
import { Status } from '../../components/states.tsx';
import { formatMinor } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';
import { ProgramSettings } from './partner-program.tsx';
import { ProgramEditor } from './program-editor.tsx';

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

/** Programs: what a referred sale earns and how conversions are approved; a row opens its editors. */
export function ProgramsTab() {
  const { workspaceId, root } = useWorkspace();
  const [name, setName] = useState('');
  const [basisPoints, setBasisPoints] = useState('1000');
  const [approval, setApproval] = useState('on_payment');
  const [selected, setSelected] = useState<number | null>(null);
  const list = useQuery({ queryKey: [workspaceId, 'programs'], queryFn: () => get<Page<Program>>(`${root}/programs`, { limit: 200 }) });
  const create = useAction({
    run: () => post<Program>(`${root}/programs`, { name, incentive: { type: 'percent', basis_points: Number(basisPoints) }, approval }),
    refresh: [[workspaceId, 'programs']],
    done: (program) => `Program ${program.id} “${program.name}” added.`,
    onSuccess: () => setName(''),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <AdminOnly what="Adding a program">
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
      </AdminOnly>
      <ActionNote action={create} />
      <DataList
        label="Programs"
        query={listOf(list)}
        rowKey={(program) => program.id}
        empty="No programs yet: a program says what a referral earns."
        onRowClick={(program) => setSelected(program.id)}
        selected={(program) => program.id === selected}
        columns={[
          { header: 'Id', cell: (program) => program.id },
          { header: 'Name', cell: (program) => program.name },
          { header: 'Incentive', cell: (program) => describe(program.incentive) },
          { header: 'Window', cell: (program) => `${program.attribution_window_days} d` },
          { header: 'Model', cell: (program) => program.attribution_model },
          { header: 'Approval', cell: (program) => program.approval },
          { header: 'Hold', cell: (program) => (program.hold_days > 0 ? `${program.hold_days} d` : '—') },
          { header: 'Enrollment', cell: (program) => program.enrollment },
          { header: 'Group', cell: (program) => (program.group_id === null ? '—' : `#${program.group_id}`) },
          { header: 'Status', cell: (program) => <Status value={program.status} /> },
        ]}
      />
      {(() => {
        const program = listOf(list).rows?.find((row) => row.id === selected);
        return program ? (
          <>
            <ProgramEditor key={`editor-${program.id}`} program={program} />
            <ProgramSettings key={program.id} program={program} />
          </>
        ) : null;
      })()}
    </>
  );
}
