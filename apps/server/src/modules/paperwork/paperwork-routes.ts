import {
  assignPaperworkResultSchema,
  createPaperworkTemplateRequestSchema,
  idSchema,
  paperworkAssignmentDetailSchema,
  paperworkAssignmentListSchema,
  paperworkAssignmentParamsSchema,
  paperworkAssignmentSchema,
  paperworkTemplateListQuerySchema,
  paperworkTemplateListSchema,
  paperworkTemplateParamsSchema,
  paperworkTemplateSchema,
  paperworkTemplateVersionParamsSchema,
  paperworkTemplateVersionSchema,
  resetPaperworkRequestSchema,
  servicePaperworkRequestSchema,
  servicePaperworkSchema,
  updatePaperworkTemplateRequestSchema,
  type PaperworkAssignment,
  type PaperworkTemplate,
  type PaperworkTemplateSummary,
  type PaperworkTemplateVersion,
  type ServicePaperwork,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles, managerRoles, type StaffRole } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import type { ServicePaperworkRecord } from './paperwork-repository.ts';
import type {
  AssignmentView,
  PaperworkService,
  TemplateDetailView,
  TemplateSummaryView,
  TemplateVersionView,
} from './paperwork-service.ts';
import { contentFields, questionCountOf } from './paperwork-template-content.ts';

/** Who may reset a patient's completed form ("contact your support team to reset the form"). */
const resetRoles: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];

function toSummary(template: TemplateSummaryView): PaperworkTemplateSummary {
  return {
    id: template.id,
    kind: template.kind,
    name: template.name,
    active: template.active,
    version: template.currentVersion,
    requiresSignature: template.requiresSignature,
    requiresWitnessSignature: template.requiresWitnessSignature,
    showDaysBefore: template.showDaysBefore,
    questionCount: questionCountOf(template.parsed),
    createdAt: template.createdAt.toISOString(),
    updatedAt: template.updatedAt.toISOString(),
  };
}

function toVersion(version: TemplateVersionView): PaperworkTemplateVersion {
  return {
    templateId: version.templateId,
    kind: version.kind,
    version: version.version,
    name: version.name,
    ...contentFields(version.parsed),
    requiresSignature: version.requiresSignature,
    requiresWitnessSignature: version.requiresWitnessSignature,
    createdAt: version.createdAt.toISOString(),
    createdBy: version.createdBy,
  };
}

function toTemplate(detail: TemplateDetailView): PaperworkTemplate {
  return {
    ...toVersion(detail.current),
    id: detail.template.id,
    active: detail.template.active,
    showDaysBefore: detail.template.showDaysBefore,
    updatedAt: detail.template.updatedAt.toISOString(),
    versions: detail.versions.map((version) => ({ ...version, createdAt: version.createdAt.toISOString() })),
  };
}

function toServicePaperwork(serviceId: string, forms: ServicePaperworkRecord[]): ServicePaperwork {
  return {
    serviceId,
    items: forms.map((form) => ({
      templateId: form.templateId,
      kind: form.kind,
      name: form.name,
      active: form.active,
      version: form.currentVersion,
    })),
  };
}

export function toAssignmentResponse(assignment: AssignmentView): PaperworkAssignment {
  return {
    id: assignment.id,
    appointmentId: assignment.appointmentId,
    appointmentStart: assignment.appointmentStart?.toISOString() ?? null,
    patientId: assignment.patientId,
    templateId: assignment.templateId,
    templateVersion: assignment.templateVersion,
    kind: assignment.kind,
    name: assignment.name,
    status: assignment.status,
    requiresSignature: assignment.requiresSignature,
    requiresWitnessSignature: assignment.requiresWitnessSignature,
    assignedAt: assignment.assignedAt.toISOString(),
    statusChangedAt: assignment.statusChangedAt.toISOString(),
    resetCount: assignment.resetCount,
    version: assignment.version,
  };
}

const serviceParams = z.strictObject({ serviceId: idSchema });
const appointmentParams = z.strictObject({ appointmentId: idSchema });
const patientParams = z.strictObject({ patientId: idSchema });

export const paperworkRoutes: FastifyPluginAsyncZod<{ paperwork: PaperworkService; clientAccess: ClientAccess }> = async (
  app,
  { paperwork, clientAccess },
) => {
  app.get(
    '/api/v1/paperwork-templates',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['paperwork'],
        summary: 'Consent, questionnaire and instruction templates (active first)',
        querystring: paperworkTemplateListQuerySchema,
        response: { 200: paperworkTemplateListSchema },
      },
    },
    async (request) => {
      const { kind, active } = request.query;
      const items = await paperwork.listTemplates(requireStaff(request), {
        kind,
        active: active === undefined ? undefined : active === 'true',
      });
      return { items: items.map(toSummary) };
    },
  );

  app.post(
    '/api/v1/paperwork-templates',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['paperwork'],
        summary: 'Create a template (its version 1)',
        body: createPaperworkTemplateRequestSchema,
        response: { 201: paperworkTemplateSchema },
      },
    },
    async (request, reply) => {
      const detail = await paperwork.createTemplate(requireStaff(request), request.body, requestMetaOf(request));
      reply.header('etag', `"${detail.template.currentVersion}"`).header('location', `/api/v1/paperwork-templates/${detail.template.id}`);
      return reply.status(201).send(toTemplate(detail));
    },
  );

  app.get(
    '/api/v1/paperwork-templates/:templateId',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['paperwork'],
        summary: 'A template: its current version in full and the list of its versions',
        params: paperworkTemplateParamsSchema,
        response: { 200: paperworkTemplateSchema },
      },
    },
    async (request, reply) => {
      const detail = await paperwork.getTemplate(requireStaff(request), request.params.templateId);
      reply.header('etag', `"${detail.template.currentVersion}"`);
      return toTemplate(detail);
    },
  );

  app.put(
    '/api/v1/paperwork-templates/:templateId',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['paperwork'],
        summary: 'Edit a template: adds a version (If-Match optional); forms already assigned keep theirs',
        params: paperworkTemplateParamsSchema,
        body: updatePaperworkTemplateRequestSchema,
        response: { 200: paperworkTemplateSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const detail = await paperwork.updateTemplate(
        requireStaff(request),
        request.params.templateId,
        request.body,
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
        requestMetaOf(request),
      );
      reply.header('etag', `"${detail.template.currentVersion}"`);
      return toTemplate(detail);
    },
  );

  for (const [path, active, summary] of [
    ['deactivate', false, 'Deactivate a template (never deleted: assignments point at it); it is no longer assigned'],
    ['reactivate', true, 'Reactivate a template'],
  ] as const) {
    app.post(
      `/api/v1/paperwork-templates/:templateId/${path}`,
      {
        config: { access: { staff: managerRoles } },
        schema: { tags: ['paperwork'], summary, params: paperworkTemplateParamsSchema, response: { 200: paperworkTemplateSchema } },
      },
      async (request) =>
        toTemplate(await paperwork.setTemplateActive(requireStaff(request), request.params.templateId, active, requestMetaOf(request))),
    );
  }

  app.get(
    '/api/v1/paperwork-templates/:templateId/versions/:version',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['paperwork'],
        summary: 'One version of a template exactly as written',
        params: paperworkTemplateVersionParamsSchema,
        response: { 200: paperworkTemplateVersionSchema },
      },
    },
    async (request) =>
      toVersion(await paperwork.getTemplateVersion(requireStaff(request), request.params.templateId, request.params.version)),
  );

  app.get(
    '/api/v1/services/:serviceId/paperwork',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['paperwork'],
        summary: 'The forms a service forwards when booked',
        params: serviceParams,
        response: { 200: servicePaperworkSchema },
      },
    },
    async (request) =>
      toServicePaperwork(request.params.serviceId, await paperwork.getServicePaperwork(requireStaff(request), request.params.serviceId)),
  );

  app.put(
    '/api/v1/services/:serviceId/paperwork',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['paperwork'],
        summary: 'Replace the forms a service forwards when booked (in order)',
        params: serviceParams,
        body: servicePaperworkRequestSchema,
        response: { 200: servicePaperworkSchema },
      },
    },
    async (request) =>
      toServicePaperwork(
        request.params.serviceId,
        await paperwork.replaceServicePaperwork(
          requireStaff(request),
          request.params.serviceId,
          request.body.templateIds,
          requestMetaOf(request),
        ),
      ),
  );

  app.post(
    '/api/v1/appointments/:appointmentId/paperwork/assign',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['paperwork'],
        summary: "Assign the appointment's services' forms to its patient (idempotent)",
        params: appointmentParams,
        response: { 200: assignPaperworkResultSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      await clientAccess.assertMayActOnAppointment(actor, request.params.appointmentId);
      const { items, created } = await paperwork.assignForAppointment(actor, request.params.appointmentId, requestMetaOf(request));
      return { items: items.map(toAssignmentResponse), created };
    },
  );

  app.get(
    '/api/v1/appointments/:appointmentId/paperwork',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['paperwork'],
        summary: "The forms assigned for an appointment, with each one's status",
        params: appointmentParams,
        response: { 200: paperworkAssignmentListSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      await clientAccess.assertMayReadAppointmentClient(actor, request.params.appointmentId);
      return {
        items: (await paperwork.listAppointmentPaperwork(actor, request.params.appointmentId, requestMetaOf(request))).map(
          toAssignmentResponse,
        ),
      };
    },
  );

  app.get(
    '/api/v1/patients/:patientId/paperwork',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['paperwork'],
        summary: "A patient's forms across appointments, newest first",
        params: patientParams,
        response: { 200: paperworkAssignmentListSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      await clientAccess.assertMayReadClient(actor, request.params.patientId);
      return {
        items: (await paperwork.listPatientPaperwork(actor, request.params.patientId, requestMetaOf(request))).map(toAssignmentResponse),
      };
    },
  );

  app.get(
    '/api/v1/paperwork-assignments/:assignmentId',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['paperwork'],
        summary: 'One assigned form with its history (assigned, completed, reset)',
        params: paperworkAssignmentParamsSchema,
        response: { 200: paperworkAssignmentDetailSchema },
      },
    },
    async (request) => {
      const { assignment, history } = await paperwork.getAssignment(
        requireStaff(request),
        request.params.assignmentId,
        requestMetaOf(request),
      );
      return {
        ...toAssignmentResponse(assignment),
        history: history.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })),
      };
    },
  );

  app.post(
    '/api/v1/paperwork-assignments/:assignmentId/reset',
    {
      config: { access: { staff: resetRoles } },
      schema: {
        tags: ['paperwork'],
        summary: 'Reset a completed form so the patient completes it again (history kept)',
        params: paperworkAssignmentParamsSchema,
        body: resetPaperworkRequestSchema.optional(),
        response: { 200: paperworkAssignmentSchema },
      },
    },
    async (request) =>
      toAssignmentResponse(
        await paperwork.resetAssignment(
          requireStaff(request),
          request.params.assignmentId,
          request.body?.reason || undefined,
          requestMetaOf(request),
        ),
      ),
  );
};
