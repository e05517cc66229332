/**
 * The programs a sale through this partner would pay them in (docs/attribution-api.md,
 * Enrollments): none unless the partner is `active`; otherwise every active program that is
 * `open`, and every active `approval` or `invite` program they have an `approved` enrollment in.
 */
export function programsEarningFor<P extends { id: number; status: string; enrollment: string }>(
  partnerStatus: string,
  programs: readonly P[],
  enrollments: ReadonlyArray<{ program_id: number; status: string }>,
): P[] {
  if (partnerStatus !== 'active') return [];
  const approved = new Set(enrollments.filter((row) => row.status === 'approved').map((row) => row.program_id));
  return programs.filter((program) => program.status === 'active' && (program.enrollment === 'open' || approved.has(program.id)));
}
