import {
  addendumRequestSchema,
  boardQuerySchema,
  cosignRequestSchema,
  cosignResponseSchema,
  mdReviewListSchema,
  createInventoryLotRequestSchema,
  createProcedureRequestSchema,
  createProcedureTypeRequestSchema,
  emrBoardSchema,
  idSchema,
  inventoryLotListSchema,
  inventoryLotSchema,
  lotPatientListSchema,
  lotRecallSchema,
  procedureSchema,
  procedureTypeListSchema,
  procedureTypeSchema,
  recallLotRequestSchema,
  updateProcedureRequestSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles, managerRoles, type StaffRole } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { EmrService } from './emr-service.ts';
import { lotPatientsCsv } from './inventory-lots.ts';

/** Who charts: providers and managers. Front desk sees the board only. */
const chartingRoles: readonly StaffRole[] = ['owner', 'admin', 'provider'];
const procedureParams = z.strictObject({ procedureId: idSchema });
const lotParams = z.strictObject({ lotId: idSchema });

export const emrRoutes: FastifyPluginAsyncZod<{ emr: EmrService }> = async (app, { emr }) => {
  app.get(
    '/api/v1/emr/board',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['emr'],
        summary: "A clinic's appointments on a local date by board column (Booked/Confirmed … Completed)",
        querystring: boardQuerySchema,
        response: { 200: emrBoardSchema },
      },
    },
    async (request) => emr.board(requireStaff(request), request.query, requestMetaOf(request)),
  );

  app.get(
    '/api/v1/emr/md-review',
    {
      config: { access: { staff: chartingRoles } },
      schema: {
        tags: ['emr'],
        summary:
          "MD Review: the practice's signed charts waiting for a medical director's co-signature, oldest first. Medical directors only (403 otherwise); audited",
        response: { 200: mdReviewListSchema },
      },
    },
    async (request) => ({ items: await emr.listMdReview(requireStaff(request), requestMetaOf(request)) }),
  );

  app.post(
    '/api/v1/emr/md-review/cosign',
    {
      config: { access: { staff: chartingRoles } },
      schema: {
        tags: ['emr'],
        summary:
          'Co-sign charts in bulk, all or none: 404 naming procedureIds[i] for a chart not in the practice, 409 not_awaiting_cosignature for one already co-signed or not waiting. Medical directors only',
        body: cosignRequestSchema,
        response: { 200: cosignResponseSchema },
      },
    },
    async (request) => emr.cosignProcedures(requireStaff(request), request.body.procedureIds, requestMetaOf(request)),
  );

  app.get(
    '/api/v1/procedure-types',
    {
      config: { access: { staff: chartingRoles } },
      schema: { tags: ['emr'], summary: 'Procedure types and the chart sections each needs', response: { 200: procedureTypeListSchema } },
    },
    async (request) => ({ items: await emr.listProcedureTypes(requireStaff(request)) }),
  );

  app.post(
    '/api/v1/procedure-types',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['emr'],
        summary: 'Add a procedure type; 409 when one has the name',
        body: createProcedureTypeRequestSchema,
        response: { 201: procedureTypeSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await emr.createProcedureType(requireStaff(request), request.body, requestMetaOf(request))),
  );

  app.post(
    '/api/v1/procedures',
    {
      config: { access: { staff: chartingRoles } },
      schema: {
        tags: ['emr'],
        summary:
          "Start a procedure on one of the patient's bookings, or on a new booking made through the book's rules (409 on a taken time); 409 when the booking has one",
        body: createProcedureRequestSchema,
        response: { 201: procedureSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await emr.createProcedure(requireStaff(request), request.body, requestMetaOf(request))),
  );

  app.get(
    '/api/v1/procedures/:procedureId',
    {
      config: { access: { staff: chartingRoles } },
      schema: { tags: ['emr'], summary: 'Open a chart (audited)', params: procedureParams, response: { 200: procedureSchema } },
    },
    async (request) => emr.getProcedure(requireStaff(request), request.params.procedureId, requestMetaOf(request)),
  );

  app.patch(
    '/api/v1/procedures/:procedureId',
    {
      config: { access: { staff: chartingRoles } },
      schema: {
        tags: ['emr'],
        summary: "Save notes and/or injectables (units or mL move between the lots' stock); 409 once signed",
        params: procedureParams,
        body: updateProcedureRequestSchema,
        response: { 200: procedureSchema },
      },
    },
    async (request) => emr.updateProcedure(requireStaff(request), request.params.procedureId, request.body, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/procedures/:procedureId/sign',
    {
      config: { access: { staff: chartingRoles } },
      schema: {
        tags: ['emr'],
        summary: 'Sign the chart: it is locked from then on; 409 when already signed',
        params: procedureParams,
        body: z.strictObject({}).optional(),
        response: { 200: procedureSchema },
      },
    },
    async (request) => emr.signProcedure(requireStaff(request), request.params.procedureId, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/procedures/:procedureId/addenda',
    {
      config: { access: { staff: chartingRoles } },
      schema: {
        tags: ['emr'],
        summary: 'Add an addendum to a signed chart; 409 while unsigned',
        params: procedureParams,
        body: addendumRequestSchema,
        response: { 201: procedureSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await emr.addAddendum(requireStaff(request), request.params.procedureId, request.body.text, requestMetaOf(request))),
  );

  app.get(
    '/api/v1/inventory/lots',
    {
      config: { access: { staff: chartingRoles } },
      schema: { tags: ['emr'], summary: 'Inventory lots with their stock and recalls', response: { 200: inventoryLotListSchema } },
    },
    async (request) => ({ items: await emr.listLots(requireStaff(request)) }),
  );

  app.post(
    '/api/v1/inventory/lots',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['emr'],
        summary: 'Receive a lot; 409 when the product has a lot of that number',
        body: createInventoryLotRequestSchema,
        response: { 201: inventoryLotSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await emr.createLot(requireStaff(request), request.body, requestMetaOf(request))),
  );

  app.get(
    '/api/v1/inventory/lots/:lotId/patients',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['emr'],
        summary: "Every patient treated with the lot (procedure, date, amount in the lot's unit, provider); audited",
        params: lotParams,
        response: { 200: lotPatientListSchema },
      },
    },
    async (request) => emr.listLotPatients(requireStaff(request), request.params.lotId, requestMetaOf(request)),
  );

  app.get(
    '/api/v1/inventory/lots/:lotId/patients.csv',
    {
      config: { access: { staff: managerRoles } },
      schema: { tags: ['emr'], summary: "The lot's treated patients as CSV; audited", params: lotParams, produces: ['text/csv'] },
    },
    async (request, reply) => {
      const { lot, items } = await emr.listLotPatients(requireStaff(request), request.params.lotId, requestMetaOf(request));
      const filename = `lot-${lot.lotNumber.replace(/[^A-Za-z0-9._-]/g, '_')}-patients.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(lotPatientsCsv(lot, items));
    },
  );

  app.post(
    '/api/v1/inventory/lots/:lotId/recall',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['emr'],
        summary: 'Recall a lot: message every treated patient through the outbox and record the recall',
        params: lotParams,
        body: recallLotRequestSchema,
        response: { 201: lotRecallSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await emr.recallLot(requireStaff(request), request.params.lotId, request.body.message, requestMetaOf(request))),
  );
};
