import {
  idSchema,
  membershipAgreementLookupSchema,
  membershipAgreementRequestSchema,
  prepareMembershipAgreementSchema,
  membershipAgreementSchema,
  signMembershipAgreementSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { requirePatientProfile, requireStaff } from '../../platform/auth/access.ts';
import type { StaffRole } from '../../platform/auth/roles.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import type { MembershipsService } from './memberships-service.ts';

/** Who enrols clients (as `memberships-routes.ts`). */
const memberDeskRoles: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];
const patientParams = z.strictObject({ patientId: idSchema });

/**
 * A plan's agreement signed within enrolment: staff prepare it for a client and have it
 * signed on the spot, or leave it for the portal, where the patient signs it in Become A
 * Member. The signed copy's `assignmentId` goes with the enrolment.
 */
export const membershipAgreementRoutes: FastifyPluginAsyncZod<{ memberships: MembershipsService }> = async (app, { memberships }) => {
  app.get(
    '/api/v1/patients/:patientId/membership-agreement',
    {
      config: { access: { staff: memberDeskRoles } },
      schema: {
        tags: ['memberships'],
        summary: "The client's copy of a plan's agreement that enrolment would use (signed, or sent and waiting), or null",
        params: patientParams,
        querystring: membershipAgreementRequestSchema,
        response: { 200: membershipAgreementLookupSchema },
      },
    },
    async (request) => ({
      agreement: await memberships.findAgreement(
        requireStaff(request),
        request.params.patientId,
        request.query.planId,
        requestMetaOf(request),
      ),
    }),
  );

  app.post(
    '/api/v1/patients/:patientId/membership-agreement',
    {
      config: { access: { staff: memberDeskRoles } },
      schema: {
        tags: ['memberships'],
        summary:
          "Prepare a plan's agreement for the client: to sign on the spot, or sent to the portal (sendToPortal: the client is emailed once per copy); the copy already sent or signed when there is one",
        params: patientParams,
        body: prepareMembershipAgreementSchema,
        response: { 200: membershipAgreementSchema },
      },
    },
    async (request) =>
      memberships.prepareAgreement(requireStaff(request), request.params.patientId, request.body.planId, requestMetaOf(request), {
        sendToPortal: request.body.sendToPortal,
      }),
  );

  app.post(
    '/api/v1/patients/:patientId/membership-agreement/sign',
    {
      config: { access: { staff: memberDeskRoles } },
      bodyLimit: 400_000,
      schema: {
        tags: ['memberships'],
        summary: "The client signs the plan's agreement on the staff's screen (drawn PNG and typed name); 409 once signed",
        params: patientParams,
        body: signMembershipAgreementSchema,
        response: { 200: membershipAgreementSchema },
      },
    },
    async (request) => {
      const { planId, assignmentId, signature, typedName } = request.body;
      return memberships.signAgreement(
        requireStaff(request),
        request.params.patientId,
        planId,
        assignmentId,
        { signature, typedName },
        requestMetaOf(request),
      );
    },
  );

  const patientOf = (request: Parameters<typeof requirePatientProfile>[0]): PatientBillingActor => {
    const { practiceId, patientId } = requirePatientProfile(request);
    return { kind: 'patient', practiceId, patientId };
  };
  const access = { patient: 'profile' as const };

  app.get(
    '/api/v1/portal/membership-agreement',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: "Your copy of a plan's agreement (signed, or sent by the clinic to sign), or null",
        querystring: membershipAgreementRequestSchema,
        response: { 200: membershipAgreementLookupSchema },
      },
    },
    async (request) => {
      const patient = patientOf(request);
      return { agreement: await memberships.findAgreement(patient, patient.patientId, request.query.planId, requestMetaOf(request)) };
    },
  );

  app.post(
    '/api/v1/portal/membership-agreement',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: "Open a plan's agreement to read and sign (the copy already sent or signed when there is one)",
        body: membershipAgreementRequestSchema,
        response: { 200: membershipAgreementSchema },
      },
    },
    async (request) => {
      const patient = patientOf(request);
      return memberships.prepareAgreement(patient, patient.patientId, request.body.planId, requestMetaOf(request));
    },
  );

  app.post(
    '/api/v1/portal/membership-agreement/sign',
    {
      config: { access },
      bodyLimit: 400_000,
      schema: {
        tags: ['portal'],
        summary: "Sign a plan's agreement (drawn PNG and typed name) before becoming a member; 409 once signed",
        body: signMembershipAgreementSchema,
        response: { 200: membershipAgreementSchema },
      },
    },
    async (request) => {
      const patient = patientOf(request);
      const { planId, assignmentId, signature, typedName } = request.body;
      return memberships.signAgreement(patient, patient.patientId, planId, assignmentId, { signature, typedName }, requestMetaOf(request));
    },
  );
};
