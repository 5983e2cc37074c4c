import {
  changeMembershipCardSchema,
  idSchema,
  enrolMembershipSchema,
  membershipDetailSchema,
  membershipSchema,
  portalMembershipPlanSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { requirePatientProfile } from '../../platform/auth/access.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import type { MembershipsService } from './memberships-service.ts';

/** The portal's memberships: the patient's own, and Become A Member for the plans sold online. */
export const portalMembershipsRoutes: FastifyPluginAsyncZod<{ memberships: MembershipsService }> = async (app, { memberships }) => {
  const access = { patient: 'profile' as const };
  const patientOf = (request: Parameters<typeof requirePatientProfile>[0]): PatientBillingActor => {
    const { practiceId, patientId } = requirePatientProfile(request);
    return { kind: 'patient', practiceId, patientId };
  };

  app.get(
    '/api/v1/portal/membership-plans',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'The membership plans sold online',
        response: { 200: z.object({ items: z.array(portalMembershipPlanSchema) }) },
      },
    },
    async (request) => ({
      items: (await memberships.listPlansSoldOnline(patientOf(request))).map((plan) => ({
        id: plan.id,
        name: plan.name,
        description: plan.description,
        currency: plan.currency,
        monthlyPriceCents: plan.monthlyPriceCents,
        yearlyPriceCents: plan.yearlyPriceCents,
        signUpFeeCents: plan.signUpFeeCents,
        minimumTermMonths: plan.minimumTermMonths,
        agreementTemplateId: plan.agreementTemplateId,
        perks: plan.perks,
      })),
    }),
  );

  app.get(
    '/api/v1/portal/memberships',
    {
      config: { access },
      schema: { tags: ['portal'], summary: 'Your memberships', response: { 200: z.object({ items: z.array(membershipSchema) }) } },
    },
    async (request) => ({ items: await memberships.listOwnMemberships(patientOf(request), requestMetaOf(request)) }),
  );

  app.post(
    '/api/v1/portal/memberships',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary:
          'Become a member of a plan sold online: your card is charged the first payment at once; 402 on a decline, which enrols nothing',
        body: enrolMembershipSchema,
        response: { 201: membershipDetailSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await memberships.enrolOwn(patientOf(request), request.body, requestMetaOf(request))),
  );

  app.post(
    '/api/v1/portal/memberships/:membershipId/change-card',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary:
          'Update card: put another of your cards on your membership; a Past Due or Suspended one is charged the outstanding payment at once (402 when declined, the new card stays)',
        params: z.strictObject({ membershipId: idSchema }),
        body: changeMembershipCardSchema,
        response: { 200: membershipDetailSchema },
      },
    },
    async (request) => memberships.changeCard(patientOf(request), request.params.membershipId, request.body, requestMetaOf(request)),
  );
};
