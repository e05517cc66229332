import type { FastifyInstance } from 'fastify';
import { registerAdminScope } from '../api/admin-scope.ts';
import type { ActionRunner, AdminScopeDeps } from '../api/index.ts';
import type { FactoryRegistry } from '../factories/registry.ts';
import { SYSTEM_FACTORIES } from './system-factories.ts';
import { registerSystemRoutes } from './system-routes.ts';

export type { CollaboratorSubmissionRow, LessonIncentiveRow, SubmissionStatus } from './tables.ts';
export { applyRecipe, RecipeDryRun, type RecipeChange } from './recipes.ts';
export { createAccount, receiveSubmission, decideSubmission } from './submissions.ts';
export { completeLesson } from './lessons.ts';

/** Adds the system-event slugs (`collaborator-submission`, `lesson-completed`, `custom`) to the engine's registry. */
export function registerSystemFactories(registry: FactoryRegistry): void {
  for (const factory of SYSTEM_FACTORIES) registry.addFactory(factory);
}

/** What the system routes need: the admin credential check's deps and the engine decisions run through. */
export interface SystemDeps extends AdminScopeDeps {
  readonly engine: ActionRunner;
}

/** Applications, lesson incentives and recipes (issue 6), with the attribution admin credential. */
export function registerSystemApi(app: FastifyInstance, deps: SystemDeps): void {
  registerAdminScope(app, deps, (scope) => registerSystemRoutes(scope, deps, deps.engine));
}
