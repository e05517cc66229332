import type { FastifyInstance } from 'fastify';
import { registerAdminScope, type AdminScopeDeps } from '../api/admin-scope.ts';
import { registerReportRoutes } from './report-routes.ts';

export { buildReport, type ReportQuery } from './reports.ts';
export { collaboratorBalance, collaboratorLedger, type CollaboratorBalance, type LedgerEntry } from './ledger.ts';
export type { MoneyTotals, ReportRow } from './report-rows.ts';

/** Reports only read: the database and the admin credential check are all they need. */
export type ReportsDeps = AdminScopeDeps;

/** Reports per collaborator and per program, and the collaborator ledger (issue 6). */
export function registerReportsApi(app: FastifyInstance, deps: ReportsDeps): void {
  registerAdminScope(app, deps, (scope) => registerReportRoutes(scope, deps));
}
