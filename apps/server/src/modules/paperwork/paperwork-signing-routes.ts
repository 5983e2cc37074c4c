import {
  paperworkAssignmentParamsSchema,
  portalPaperworkItemSchema,
  portalPaperworkListSchema,
  portalPaperworkParamsSchema,
  idSchema,
  savePaperworkAnswersRequestSchema,
  signedDocumentListSchema,
  signPaperworkRequestSchema,
  witnessPaperworkRequestSchema,
  witnessPaperworkResultSchema,
} from '@glowdesk/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePatientProfile, requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { SignedConsentFile } from './download-signed-consent.ts';
import type { PatientPaperworkService } from './patient-paperwork-service.ts';

function sendPdf(reply: FastifyReply, file: SignedConsentFile) {
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('etag', `"${file.sha256}"`)
    .header('cache-control', 'private, no-store')
    .send(file.pdf);
}

/** The portal's Paperwork (the patient's own forms) and staff's witness signature and signed PDFs. */
export const paperworkSigningRoutes: FastifyPluginAsyncZod<{ patientPaperwork: PatientPaperworkService }> = async (
  app,
  { patientPaperwork },
) => {
  app.get(
    '/api/v1/portal/paperwork',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary:
          "The signed-in patient's own forms, in the Consents, Questionnaires and Instructions tabs (each from N days before its visit)",
        response: { 200: portalPaperworkListSchema },
      },
    },
    async (request) => patientPaperwork.listOwnPaperwork(requirePatientProfile(request), requestMetaOf(request)),
  );

  app.post(
    '/api/v1/portal/paperwork/:assignmentId/answers',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary: 'Save a questionnaire (a draft to come back to), or submit it: required answers enforced, then Filled and locked',
        params: portalPaperworkParamsSchema,
        body: savePaperworkAnswersRequestSchema,
        response: { 200: portalPaperworkItemSchema },
      },
    },
    async (request) =>
      patientPaperwork.saveOwnAnswers(requirePatientProfile(request), request.params.assignmentId, request.body, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/portal/paperwork/:assignmentId/sign',
    {
      config: { access: { patient: 'profile' } },
      bodyLimit: 400_000,
      schema: {
        tags: ['portal'],
        summary: 'Sign a consent (drawn PNG signature and typed name): Signed, or Witness Signature Required; 409 once signed',
        params: portalPaperworkParamsSchema,
        body: signPaperworkRequestSchema,
        response: { 200: portalPaperworkItemSchema },
      },
    },
    async (request) =>
      patientPaperwork.signOwnConsent(requirePatientProfile(request), request.params.assignmentId, request.body, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/portal/paperwork/:assignmentId/viewed',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary: 'Mark pre-treatment instructions as read: Not Viewed becomes Viewed (again: no change)',
        params: portalPaperworkParamsSchema,
        response: { 200: portalPaperworkItemSchema },
      },
    },
    async (request) =>
      patientPaperwork.markOwnInstructionsRead(requirePatientProfile(request), request.params.assignmentId, requestMetaOf(request)),
  );

  app.get(
    '/api/v1/portal/paperwork/:assignmentId/pdf',
    {
      config: { access: { patient: 'profile' } },
      schema: { tags: ['portal'], summary: 'Download the signed PDF of one of your own consents', params: portalPaperworkParamsSchema },
    },
    async (request, reply) =>
      sendPdf(
        reply,
        await patientPaperwork.downloadOwnSignedConsent(
          requirePatientProfile(request),
          request.params.assignmentId,
          requestMetaOf(request),
        ),
      ),
  );

  app.post(
    '/api/v1/paperwork-assignments/:assignmentId/witness',
    {
      config: { access: { staff: allStaffRoles } },
      bodyLimit: 400_000,
      schema: {
        tags: ['paperwork'],
        summary: 'Sign a consent as its witness (drawn PNG signature and typed name) after the patient: it becomes Signed',
        params: paperworkAssignmentParamsSchema,
        body: witnessPaperworkRequestSchema,
        response: { 200: witnessPaperworkResultSchema },
      },
    },
    async (request) => {
      const witnessed = await patientPaperwork.witnessConsent(
        requireStaff(request),
        request.params.assignmentId,
        request.body,
        requestMetaOf(request),
      );
      return { ...witnessed, signedAt: witnessed.signedAt.toISOString() };
    },
  );

  app.get(
    '/api/v1/paperwork-assignments/:assignmentId/pdf',
    {
      config: { access: { staff: allStaffRoles } },
      schema: { tags: ['paperwork'], summary: 'Download the signed PDF of a consent', params: paperworkAssignmentParamsSchema },
    },
    async (request, reply) =>
      sendPdf(
        reply,
        await patientPaperwork.downloadSignedConsent(requireStaff(request), request.params.assignmentId, requestMetaOf(request)),
      ),
  );

  app.get(
    '/api/v1/patients/:patientId/signed-documents',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['paperwork'],
        summary:
          "A client's signed consents and filled questionnaires, newest first: signed when and by whom, the witness, and whether a signed PDF can be downloaded",
        params: z.strictObject({ patientId: idSchema }),
        response: { 200: signedDocumentListSchema },
      },
    },
    async (request) => ({
      items: await patientPaperwork.listSignedDocuments(requireStaff(request), request.params.patientId, requestMetaOf(request)),
    }),
  );
};
