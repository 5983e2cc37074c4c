import {
  cancelMembershipSchema,
  changeMembershipCardSchema,
  couponSchema,
  createCouponSchema,
  createMembershipPlanSchema,
  enrolMembershipSchema,
  holdMembershipSchema,
  idSchema,
  membershipDetailSchema,
  membershipListQuerySchema,
  membershipListSchema,
  membershipPlanSchema,
  membershipPriceMigrationSchema,
  membershipSettingsSchema,
  updateCouponSchema,
  updateMembershipPlanSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles, managerRoles, type StaffRole } from '../../platform/auth/roles.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import type { MembershipsService } from './memberships-service.ts';

/** Who enrols clients and holds, resumes, cancels or changes a membership's card: the front desk and managers. */
const memberDeskRoles: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];
const membershipParams = z.strictObject({ membershipId: idSchema });

export const membershipsRoutes: FastifyPluginAsyncZod<{ memberships: MembershipsService }> = async (app, { memberships }) => {
  app.get(
    '/api/v1/membership-plans',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'Membership plans, with their live member counts',
        response: { 200: z.object({ items: z.array(membershipPlanSchema) }) },
      },
    },
    async (request) => ({ items: await memberships.listPlans(requireStaff(request)) }),
  );

  app.post(
    '/api/v1/membership-plans',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'Create a plan (a monthly price, a yearly price or both)',
        body: createMembershipPlanSchema,
        response: { 201: membershipPlanSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await memberships.createPlan(requireStaff(request), request.body, requestMetaOf(request))),
  );

  app.patch(
    '/api/v1/membership-plans/:planId',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['memberships'],
        summary:
          'Change a plan for new members; existing members keep the price they enrolled at. active: false deactivates it (no longer sold; members keep billing, perks and price), true reactivates it (If-Match optional)',
        params: z.strictObject({ planId: idSchema }),
        body: updateMembershipPlanSchema,
        response: { 200: membershipPlanSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const plan = await memberships.updatePlan(
        requireStaff(request),
        request.params.planId,
        request.body,
        requestMetaOf(request),
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
      );
      reply.header('etag', `"${plan.version}"`);
      return plan;
    },
  );

  app.post(
    '/api/v1/membership-plans/:planId/migrate-price',
    {
      config: { access: { staff: ['owner'] } },
      schema: {
        tags: ['memberships'],
        summary: "Move the plan's members to its current price from their next period, emailing each (owner only)",
        params: z.strictObject({ planId: idSchema }),
        body: z.strictObject({}).optional(),
        response: { 200: membershipPriceMigrationSchema },
      },
    },
    async (request) => memberships.migrateMembersToCurrentPrice(requireStaff(request), request.params.planId, requestMetaOf(request)),
  );

  app.get(
    '/api/v1/membership-settings',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'How declined membership payments are retried',
        response: { 200: membershipSettingsSchema },
      },
    },
    async (request) => memberships.getSettings(requireStaff(request)),
  );

  app.put(
    '/api/v1/membership-settings',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'Set the days after a draw on which a declined payment is tried again; after the last, the member is suspended',
        body: membershipSettingsSchema,
        response: { 200: membershipSettingsSchema },
      },
    },
    async (request) => memberships.updateSettings(requireStaff(request), request.body, requestMetaOf(request)),
  );

  app.get(
    '/api/v1/coupons',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'Membership coupon codes, newest first',
        response: { 200: z.object({ items: z.array(couponSchema) }) },
      },
    },
    async (request) => ({ items: await memberships.listCoupons(requireStaff(request)) }),
  );

  app.post(
    '/api/v1/coupons',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'Create a coupon code for membership plans',
        body: createCouponSchema,
        response: { 201: couponSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await memberships.createCoupon(requireStaff(request), request.body, requestMetaOf(request))),
  );

  app.patch(
    '/api/v1/coupons/:couponId',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['memberships'],
        summary:
          'Change valid dates, the redemption limit (not below redemptions so far: 409), the plans, or active (Deactivate/Reactivate); the code, discount and duration never change (If-Match optional)',
        params: z.strictObject({ couponId: idSchema }),
        body: updateCouponSchema,
        response: { 200: couponSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const coupon = await memberships.updateCoupon(
        requireStaff(request),
        request.params.couponId,
        request.body,
        requestMetaOf(request),
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
      );
      reply.header('etag', `"${coupon.version}"`);
      return coupon;
    },
  );

  app.post(
    '/api/v1/patients/:patientId/memberships',
    {
      config: { access: { staff: memberDeskRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'Enrol a client: charges the first payment and sign-up fee at once; 402 on a decline, which enrols nothing',
        params: z.strictObject({ patientId: idSchema }),
        body: enrolMembershipSchema,
        response: { 201: membershipDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await memberships.enrol(requireStaff(request), request.params.patientId, request.body, requestMetaOf(request))),
  );

  app.get(
    '/api/v1/memberships',
    {
      config: { access: { staff: memberDeskRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'Members with plan, status and next draw date, and the monthly recurring revenue',
        querystring: membershipListQuerySchema,
        response: { 200: membershipListSchema },
      },
    },
    async (request) => memberships.listMemberships(requireStaff(request), request.query, requestMetaOf(request)),
  );

  app.get(
    '/api/v1/memberships/:membershipId',
    {
      config: { access: { staff: memberDeskRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'A membership with its periods and their payments',
        params: membershipParams,
        response: { 200: membershipDetailSchema },
      },
    },
    async (request) => memberships.getMembership(requireStaff(request), request.params.membershipId, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/memberships/:membershipId/hold',
    {
      config: { access: { staff: memberDeskRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'Hold until a date or until resumed: no charges; the draw day stays',
        params: membershipParams,
        body: holdMembershipSchema,
        response: { 200: membershipDetailSchema },
      },
    },
    async (request) => memberships.hold(requireStaff(request), request.params.membershipId, request.body, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/memberships/:membershipId/resume',
    {
      config: { access: { staff: memberDeskRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'End a hold',
        params: membershipParams,
        body: z.strictObject({}).optional(),
        response: { 200: membershipDetailSchema },
      },
    },
    async (request) => memberships.resume(requireStaff(request), request.params.membershipId, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/memberships/:membershipId/cancel',
    {
      config: { access: { staff: memberDeskRoles } },
      schema: {
        tags: ['memberships'],
        summary: 'Cancel now or at the end of the paid period; nothing is refunded; 409 when already cancelled',
        params: membershipParams,
        body: cancelMembershipSchema,
        response: { 200: membershipDetailSchema },
      },
    },
    async (request) => memberships.cancel(requireStaff(request), request.params.membershipId, request.body, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/memberships/:membershipId/settle-payment',
    {
      config: { access: { staff: memberDeskRoles } },
      schema: {
        tags: ['memberships'],
        summary:
          'Ask the gateway again about a payment it did not confirm, under the same key (never a second charge); 402 declined, 503 still unknown',
        params: membershipParams,
        body: z.strictObject({}).optional(),
        response: { 200: membershipDetailSchema },
      },
    },
    async (request) => memberships.settlePayment(requireStaff(request), request.params.membershipId, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/memberships/:membershipId/change-card',
    {
      config: { access: { staff: memberDeskRoles } },
      schema: {
        tags: ['memberships'],
        summary: "Put another of the client's cards on the membership; an outstanding payment is charged to it at once (402 on a decline)",
        params: membershipParams,
        body: changeMembershipCardSchema,
        response: { 200: membershipDetailSchema },
      },
    },
    async (request) => memberships.changeCard(requireStaff(request), request.params.membershipId, request.body, requestMetaOf(request)),
  );
};
