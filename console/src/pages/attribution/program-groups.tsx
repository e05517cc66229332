import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { del, get, patch, post, put, type Page } from '../../api/client.ts';
import type { Program, ProgramGroup, ProgramGroupStrategy } from '../../api/types.ts';
import { LatestActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { Empty, ErrorNote, Loading } from '../../components/states.tsx';
import { shortTime } from '../../lib/format.ts';
import { useWorkspace } from '../use-workspace.ts';

const STRATEGIES: ReadonlyArray<[ProgramGroupStrategy, string]> = [
  ['priority', 'priority: the smallest priority wins'],
  ['highest_reward', 'highest reward'],
  ['lowest_reward', 'lowest reward'],
  ['first_engagement', 'first engagement'],
  ['most_recent_engagement', 'most recent engagement'],
];

/** One group: its strategy, its members in rank order, and the forms that change them. */
function GroupCard({ group, programs, onDelete }: { group: ProgramGroup; programs: readonly Program[]; onDelete: () => void }) {
  const { workspaceId, root } = useWorkspace();
  const [programId, setProgramId] = useState('');
  const [priority, setPriority] = useState('');
  // A program's group shows on the programs list too.
  const refresh = [
    [workspaceId, 'program-groups'],
    [workspaceId, 'programs'],
  ];
  const path = `${root}/program-groups/${group.id}`;
  const strategy = useAction({
    run: (value: ProgramGroupStrategy) => patch<ProgramGroup>(path, { strategy: value }),
    refresh,
    done: (saved) => `Group “${saved.name}” now decides by ${saved.strategy}.`,
  });
  const add = useAction({
    run: () => put<ProgramGroup>(`${path}/programs/${programId}`, priority === '' ? {} : { priority: Number(priority) }),
    refresh,
    done: (saved) => `Program added to “${saved.name}”: ${saved.programs.length} program${saved.programs.length === 1 ? '' : 's'}.`,
    onSuccess: () => {
      setProgramId('');
      setPriority('');
    },
  });
  const remove = useAction({
    run: (member: { program_id?: number; name?: string }) => del<void>(`${path}/programs/${member.program_id}`),
    refresh,
    done: (_result, member) => `Program “${member.name}” left “${group.name}”.`,
  });
  const members = new Set(group.programs.map((member) => member.program_id));
  return (
    <div className="card" aria-label={`Program group ${group.name}`} role="region">
      <h3>
        {group.name} <span className="muted">#{group.id} · since {shortTime(group.created_at)}</span>
      </h3>
      <LatestActionNote actions={[strategy, add, remove]} />
      <AdminOnly what="Changing a program group">
        <div className="row">
          <label className="field">
            <span className="label">Strategy</span>
            <select name="group-strategy" value={group.strategy} onChange={(event) => strategy.mutate(event.target.value as ProgramGroupStrategy)}>
              {STRATEGIES.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </label>
        </div>
      </AdminOnly>
      {group.programs.length === 0 ? (
        <p className="muted">No programs: add the programs of which only one may award a sale.</p>
      ) : (
        <table className="table compact" aria-label={`Programs of ${group.name}`}>
          <thead>
            <tr>
              <th>Rank</th>
              <th>Program</th>
              <th>Priority</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {group.programs.map((member, rank) => (
              <tr key={member.program_id}>
                <td>{rank + 1}</td>
                <td>{member.name}</td>
                <td>{member.priority ?? '—'}</td>
                <td>{member.status}</td>
                <td className="actions">
                  <AdminOnly what="Removing a program from a group">
                    <button type="button" onClick={() => remove.mutate(member)}>
                      Remove
                    </button>
                  </AdminOnly>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AdminOnly what="Adding a program to a group">
        <form
          className="row"
          aria-label={`Add a program to ${group.name}`}
          onSubmit={(event) => {
            event.preventDefault();
            add.mutate();
          }}
        >
          <label className="field">
            <span className="label">Program</span>
            <select name="group-program" required value={programId} onChange={(event) => setProgramId(event.target.value)}>
              <option value="">Pick a program…</option>
              {programs
                .filter((program) => !members.has(program.id))
                .map((program) => (
                  <option key={program.id} value={program.id}>
                    {program.name}
                    {program.group_id !== null ? ' (moves from its group)' : ''}
                  </option>
                ))}
            </select>
          </label>
          <label className="field">
            <span className="label">Priority (optional)</span>
            <input name="group-priority" type="number" min={0} max={1000000} value={priority} onChange={(event) => setPriority(event.target.value)} />
          </label>
          <button type="submit">Add to group</button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(`Delete group “${group.name}”?`)) onDelete();
            }}
          >
            Delete group
          </button>
        </form>
      </AdminOnly>
    </div>
  );
}

/** Program groups: programs of which only one awards a sale, picked by the group's strategy. */
export function ProgramGroupsTab() {
  const { workspaceId, root } = useWorkspace();
  const [name, setName] = useState('');
  const [strategy, setStrategy] = useState<ProgramGroupStrategy>('priority');
  const groups = useQuery({ queryKey: [workspaceId, 'program-groups'], queryFn: () => get<Page<ProgramGroup>>(`${root}/program-groups`, { limit: 200 }) });
  const programs = useQuery({ queryKey: [workspaceId, 'programs'], queryFn: () => get<Page<Program>>(`${root}/programs`, { limit: 200 }) });
  const create = useAction({
    run: () => post<ProgramGroup>(`${root}/program-groups`, { name, strategy }),
    refresh: [[workspaceId, 'program-groups']],
    done: (group) => `Group “${group.name}” added: now add its programs.`,
    onSuccess: () => setName(''),
  });
  // Here rather than in the card: the card is gone once the group is, and the note must stay.
  const drop = useAction({
    run: (group: ProgramGroup) => del<void>(`${root}/program-groups/${group.id}`),
    refresh: [
      [workspaceId, 'program-groups'],
      [workspaceId, 'programs'],
    ],
    done: (_result, group) => `Group “${group.name}” deleted; its programs award on their own again.`,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <p className="muted">
        When a sale could award several programs of one group, only one does: the one the group's strategy picks (see docs/attribution.md, “Program groups”).
      </p>
      <AdminOnly what="Adding a program group">
        <form className="card form inline" onSubmit={submit} aria-label="New program group">
          <label className="field grow">
            <span className="label">Group name</span>
            <input name="group-name" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <label className="field">
            <span className="label">Strategy</span>
            <select name="new-group-strategy" value={strategy} onChange={(event) => setStrategy(event.target.value as ProgramGroupStrategy)}>
              {STRATEGIES.map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary" disabled={create.isPending}>
            Add group
          </button>
        </form>
      </AdminOnly>
      <LatestActionNote actions={[create, drop]} />
      <ErrorNote error={groups.error ?? programs.error} />
      {groups.isPending ? <Loading /> : null}
      {groups.data && groups.data.data.length === 0 ? <Empty title="No program groups: every program awards on its own." /> : null}
      {(groups.data?.data ?? []).map((group) => (
        <GroupCard key={group.id} group={group} programs={programs.data?.data ?? []} onDelete={() => drop.mutate(group)} />
      ))}
    </>
  );
}
