import {
  createServicePackageRequestSchema,
  createServiceRequestSchema,
  idSchema,
  serviceListQuerySchema,
  serviceListSchema,
  servicePackageListQuerySchema,
  servicePackageListSchema,
  servicePackageSchema,
  serviceSchema,
  updateServicePackageRequestSchema,
  updateServiceRequestSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles, managerRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import { ifMatchOf } from './if-match.ts';
import { toServiceDto, toServicePackageDto } from './practice-dtos.ts';
import type { PracticeService } from './practice-service.ts';

const serviceParams = z.strictObject({ serviceId: idSchema });
const packageParams = z.strictObject({ packageId: idSchema });

export const catalogRoutes: FastifyPluginAsyncZod<{ practice: PracticeService }> = async (app, { practice }) => {
  const { catalog } = practice;
  const read = { staff: allStaffRoles };
  const write = { staff: managerRoles };

  app.get(
    '/api/v1/services',
    {
      config: { access: read },
      schema: { tags: ['services'], summary: 'List services', querystring: serviceListQuerySchema, response: { 200: serviceListSchema } },
    },
    async (request) => ({ items: (await catalog.listServices(requireStaff(request), request.query)).map(toServiceDto) }),
  );

  app.get(
    '/api/v1/services/:serviceId',
    {
      config: { access: read },
      schema: { tags: ['services'], summary: 'One service', params: serviceParams, response: { 200: serviceSchema } },
    },
    async (request, reply) => {
      const service = await catalog.getService(requireStaff(request), request.params.serviceId);
      reply.header('etag', `"${service.version}"`);
      return toServiceDto(service);
    },
  );

  app.post(
    '/api/v1/services',
    {
      config: { access: write },
      schema: { tags: ['services'], summary: 'Create a service', body: createServiceRequestSchema, response: { 201: serviceSchema } },
    },
    async (request, reply) => {
      const service = await catalog.createService(requireStaff(request), request.body, requestMetaOf(request));
      reply.header('etag', `"${service.version}"`).header('location', `/api/v1/services/${service.id}`);
      return reply.status(201).send(toServiceDto(service));
    },
  );

  app.patch(
    '/api/v1/services/:serviceId',
    {
      config: { access: write },
      schema: {
        tags: ['services'],
        summary: 'Change a service or deactivate it (active: false); lists replace; If-Match optional',
        params: serviceParams,
        body: updateServiceRequestSchema,
        response: { 200: serviceSchema },
      },
    },
    async (request, reply) => {
      const service = await catalog.updateService(
        requireStaff(request),
        request.params.serviceId,
        request.body,
        parseIfMatchVersion(ifMatchOf(request)),
        requestMetaOf(request),
      );
      reply.header('etag', `"${service.version}"`);
      return toServiceDto(service);
    },
  );

  app.delete(
    '/api/v1/services/:serviceId',
    {
      config: { access: write },
      schema: { tags: ['services'], summary: 'Delete a service nothing refers to (409 otherwise: deactivate it)', params: serviceParams },
    },
    async (request, reply) => {
      await catalog.removeService(requireStaff(request), request.params.serviceId, requestMetaOf(request));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/service-packages',
    {
      config: { access: read },
      schema: {
        tags: ['services'],
        summary: 'List service packages',
        querystring: servicePackageListQuerySchema,
        response: { 200: servicePackageListSchema },
      },
    },
    async (request) => ({ items: (await catalog.listPackages(requireStaff(request), request.query)).map(toServicePackageDto) }),
  );

  app.get(
    '/api/v1/service-packages/:packageId',
    {
      config: { access: read },
      schema: { tags: ['services'], summary: 'One service package', params: packageParams, response: { 200: servicePackageSchema } },
    },
    async (request, reply) => {
      const found = await catalog.getPackage(requireStaff(request), request.params.packageId);
      reply.header('etag', `"${found.version}"`);
      return toServicePackageDto(found);
    },
  );

  app.post(
    '/api/v1/service-packages',
    {
      config: { access: write },
      schema: {
        tags: ['services'],
        summary: 'Create a package: services booked back to back at one price',
        body: createServicePackageRequestSchema,
        response: { 201: servicePackageSchema },
      },
    },
    async (request, reply) => {
      const created = await catalog.createPackage(requireStaff(request), request.body, requestMetaOf(request));
      reply.header('etag', `"${created.version}"`).header('location', `/api/v1/service-packages/${created.id}`);
      return reply.status(201).send(toServicePackageDto(created));
    },
  );

  app.patch(
    '/api/v1/service-packages/:packageId',
    {
      config: { access: write },
      schema: {
        tags: ['services'],
        summary: 'Change a package or deactivate it (active: false); If-Match optional',
        params: packageParams,
        body: updateServicePackageRequestSchema,
        response: { 200: servicePackageSchema },
      },
    },
    async (request, reply) => {
      const updated = await catalog.updatePackage(
        requireStaff(request),
        request.params.packageId,
        request.body,
        parseIfMatchVersion(ifMatchOf(request)),
        requestMetaOf(request),
      );
      reply.header('etag', `"${updated.version}"`);
      return toServicePackageDto(updated);
    },
  );

  app.delete(
    '/api/v1/service-packages/:packageId',
    {
      config: { access: write },
      schema: { tags: ['services'], summary: 'Delete a package nothing refers to (409 otherwise: deactivate it)', params: packageParams },
    },
    async (request, reply) => {
      await catalog.removePackage(requireStaff(request), request.params.packageId, requestMetaOf(request));
      return reply.status(204).send();
    },
  );
};
