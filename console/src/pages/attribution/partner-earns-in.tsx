import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, post, type Page } from '../../api/client.ts';
import type { Collaborator, CollaboratorEnrollment, Program } from '../../api/types.ts';
import { ActionNote, useAction } from '../../components/action.tsx';
import { AdminOnly } from '../../components/admin-only.tsx';
import { programsEarningFor } from '../../lib/earns-in.ts';
import { useWorkspace } from '../use-workspace.ts';

/**
 * The programs the partner earns in, and a form to enroll them in another: an open program pays
 * every active partner, an approval or invite program only its approved enrollments, so this list
 * is the answer to "would a sale through this partner pay them here?" (issue 18).
 */
export function ProgramsOfPartner({ partner, enrollments }: { partner: Collaborator; enrollments: readonly CollaboratorEnrollment[] }) {
  const collaboratorId = partner.id;
  const { workspaceId, root } = useWorkspace();
  const [programId, setProgramId] = useState('');
  const programs = useQuery({ queryKey: [workspaceId, 'programs'], queryFn: () => get<Page<Program>>(`${root}/programs`, { limit: 200 }) });
  const active = (programs.data?.data ?? []).filter((program) => program.status === 'active');
  const enrolled = new Set(enrollments.map((row) => row.program_id));
  const earnsIn = programsEarningFor(partner.status, active, enrollments);
  const enroll = useAction({
    run: () => post<CollaboratorEnrollment>(`${root}/programs/${programId}/enrollments`, { collaborator_id: collaboratorId }),
    refresh: [[workspaceId, 'enrollments']],
    done: (created) => `Enrolled in “${active.find((program) => program.id === created.program_id)?.name ?? created.program_id}”: ${created.status}.`,
    onSuccess: () => setProgramId(''),
  });
  return (
    <>
      <p aria-label="Earns in">
        {partner.status !== 'active'
          ? `Earns nothing new while ${partner.status}.`
          : earnsIn.length === 0
            ? 'Earns in no active program.'
            : `Earns in: ${earnsIn.map((program) => program.name).join(', ')}.`}
      </p>
      <AdminOnly what="Enrolling a partner">
        <form
          className="row"
          aria-label="Enroll in a program"
          onSubmit={(event) => {
            event.preventDefault();
            enroll.mutate();
          }}
        >
          <label className="field">
            <span className="label">Program (approval or invite)</span>
            <select name="enroll-program" required value={programId} onChange={(event) => setProgramId(event.target.value)}>
              <option value="">Pick a program…</option>
              {active
                .filter((program) => program.enrollment !== 'open' && !enrolled.has(program.id))
                .map((program) => (
                  <option key={program.id} value={program.id}>
                    {program.name} ({program.enrollment})
                  </option>
                ))}
            </select>
          </label>
          <button type="submit">Enroll</button>
        </form>
      </AdminOnly>
      <ActionNote action={enroll} />
    </>
  );
}
