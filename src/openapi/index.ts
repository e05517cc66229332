export { registerDescriptiveSchemas, registerOpenApi } from './document.ts';
export { registerReferencePage } from './reference-page.ts';
export {
  describeRoute,
  json,
  media,
  noContent,
  pathParams,
  workspaceParams,
  SECURITY,
  TAGS,
  type ApiTag,
  type RouteDoc,
  type ResponseDoc,
  type Security,
} from './route-docs.ts';
export { pageOf, pageQuery } from './pagination.ts';
export { errorBodyRef } from './shared-schemas.ts';
