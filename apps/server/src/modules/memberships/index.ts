export { createMembershipsService, type MembershipsService } from './memberships-service.ts';
export { membershipsRoutes } from './memberships-routes.ts';
export type { MembershipAgreements, MembershipBilling, MembershipClinics } from './membership-dependencies.ts';
export { createMembershipBillingScheduler, type MembershipBillingScheduler } from './membership-billing-scheduler.ts';
export { portalMembershipsRoutes } from './portal-memberships-routes.ts';
export { membershipAgreementRoutes } from './membership-agreement-routes.ts';
export { memberDiscountsWithin, memberTiersRead, memberTiersWithin } from './membership-perks.ts';
export { activePlanNamesUsingAgreementWithin } from './plans-using-agreement.ts';
export { DEFAULT_BATCHES_AT_ONCE } from './bill-memberships.ts';
