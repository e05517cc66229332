export { enrolledOnly } from './enrollment.ts';
export { registerPartnerProgramRoutes, toEnrollmentResource } from './partner-program-routes.ts';
export { releaseDueHoldsEverywhere, releaseHeldObligations } from './hold-release.ts';
export type { EnrollmentMode, EnrollmentStatus, ProgramEnrollmentRow } from './tables.ts';
export { registerPartnerApi, type PartnerApiDeps } from './partner-routes.ts';
export { authenticatePartner, type PartnerPrincipal } from './partner-sessions.ts';
export { IpHasher } from './ip-hasher.ts';
export { rememberCollaboratorAddress, type AddressSource } from './collaborator-addresses.ts';
