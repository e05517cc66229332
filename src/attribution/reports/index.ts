import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { registerAdminScope } from '../api/admin-scope.ts';
import { registerReportRoutes } from './report-routes.ts';

export { buildReport, type ReportQuery } from './reports.ts';
export { collaboratorBalance, collaboratorLedger, type CollaboratorBalance, type LedgerEntry } from './ledger.ts';
export type { MoneyTotals, ReportRow } from './report-rows.ts';

/** Reports per collaborator and per program, and the collaborator ledger (issue 6). */
export function registerReportsApi(app: FastifyInstance, context: AppContext): void {
  registerAdminScope(app, context, (scope) => registerReportRoutes(scope, context));
}
