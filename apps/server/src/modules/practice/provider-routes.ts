import {
  createProviderRequestSchema,
  createScheduleOverrideRequestSchema,
  idSchema,
  providerListQuerySchema,
  providerListSchema,
  providerScheduleQuerySchema,
  providerScheduleSchema,
  providerSchema,
  replaceScheduleRulesRequestSchema,
  scheduleOverrideListQuerySchema,
  scheduleOverrideListSchema,
  scheduleOverrideSchema,
  scheduleRuleListSchema,
  scheduleRulesQuerySchema,
  updateProviderRequestSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles, managerRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import { ifMatchOf } from './if-match.ts';
import { toProviderDto, toScheduleOverrideDto, toScheduleRuleDto, toWorkingIntervalDto } from './practice-dtos.ts';
import type { PracticeService } from './practice-service.ts';

const providerParams = z.strictObject({ providerId: idSchema });
const overrideParams = z.strictObject({ providerId: idSchema, overrideId: idSchema });

export const providerRoutes: FastifyPluginAsyncZod<{ practice: PracticeService }> = async (app, { practice }) => {
  const { providers, schedules } = practice;
  const read = { staff: allStaffRoles };
  const write = { staff: managerRoles };

  app.get(
    '/api/v1/providers',
    {
      config: { access: read },
      schema: {
        tags: ['providers'],
        summary: 'List providers',
        querystring: providerListQuerySchema,
        response: { 200: providerListSchema },
      },
    },
    async (request) => ({ items: (await providers.list(requireStaff(request), request.query)).map(toProviderDto) }),
  );

  app.get(
    '/api/v1/providers/:providerId',
    {
      config: { access: read },
      schema: { tags: ['providers'], summary: 'One provider', params: providerParams, response: { 200: providerSchema } },
    },
    async (request, reply) => {
      const provider = await providers.get(requireStaff(request), request.params.providerId);
      reply.header('etag', `"${provider.version}"`);
      return toProviderDto(provider);
    },
  );

  app.post(
    '/api/v1/providers',
    {
      config: { access: write },
      schema: {
        tags: ['providers'],
        summary: 'Make a staff member bookable',
        body: createProviderRequestSchema,
        response: { 201: providerSchema },
      },
    },
    async (request, reply) => {
      const provider = await providers.create(requireStaff(request), request.body, requestMetaOf(request));
      reply.header('etag', `"${provider.version}"`).header('location', `/api/v1/providers/${provider.id}`);
      return reply.status(201).send(toProviderDto(provider));
    },
  );

  app.patch(
    '/api/v1/providers/:providerId',
    {
      config: { access: write },
      schema: {
        tags: ['providers'],
        summary: 'Change a provider or deactivate them (active: false); lists replace; If-Match optional',
        params: providerParams,
        body: updateProviderRequestSchema,
        response: { 200: providerSchema },
      },
    },
    async (request, reply) => {
      const provider = await providers.update(
        requireStaff(request),
        request.params.providerId,
        request.body,
        parseIfMatchVersion(ifMatchOf(request)),
        requestMetaOf(request),
      );
      reply.header('etag', `"${provider.version}"`);
      return toProviderDto(provider);
    },
  );

  app.delete(
    '/api/v1/providers/:providerId',
    {
      config: { access: write },
      schema: {
        tags: ['providers'],
        summary: 'Delete a provider nothing refers to, with their schedule (409 otherwise: deactivate them)',
        params: providerParams,
      },
    },
    async (request, reply) => {
      await providers.remove(requireStaff(request), request.params.providerId, requestMetaOf(request));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/providers/:providerId/schedule-rules',
    {
      config: { access: read },
      schema: {
        tags: ['schedules'],
        summary: "A provider's weekly rules (clinic-local wall clock)",
        params: providerParams,
        querystring: scheduleRulesQuerySchema,
        response: { 200: scheduleRuleListSchema },
      },
    },
    async (request) => {
      const rules = await schedules.listRules(requireStaff(request), request.params.providerId, request.query.clinicId);
      return { providerId: request.params.providerId, items: rules.map(toScheduleRuleDto) };
    },
  );

  app.put(
    '/api/v1/providers/:providerId/schedule-rules',
    {
      config: { access: write },
      schema: {
        tags: ['schedules'],
        summary: "Replace a provider's weekly rules at one clinic, atomically",
        params: providerParams,
        body: replaceScheduleRulesRequestSchema,
        response: { 200: scheduleRuleListSchema },
      },
    },
    async (request) => {
      const rules = await schedules.replaceRules(requireStaff(request), request.params.providerId, request.body, requestMetaOf(request));
      return { providerId: request.params.providerId, items: rules.map(toScheduleRuleDto) };
    },
  );

  app.get(
    '/api/v1/providers/:providerId/schedule-overrides',
    {
      config: { access: read },
      schema: {
        tags: ['schedules'],
        summary: "A provider's date overrides",
        params: providerParams,
        querystring: scheduleOverrideListQuerySchema,
        response: { 200: scheduleOverrideListSchema },
      },
    },
    async (request) => {
      const overrides = await schedules.listOverrides(requireStaff(request), request.params.providerId, request.query);
      return { providerId: request.params.providerId, items: overrides.map(toScheduleOverrideDto) };
    },
  );

  app.post(
    '/api/v1/providers/:providerId/schedule-overrides',
    {
      config: { access: write },
      schema: {
        tags: ['schedules'],
        summary: 'Different hours (or a day off: no intervals) on one local date at one clinic',
        params: providerParams,
        body: createScheduleOverrideRequestSchema,
        response: { 201: scheduleOverrideSchema },
      },
    },
    async (request, reply) => {
      const override = await schedules.createOverride(
        requireStaff(request),
        request.params.providerId,
        request.body,
        requestMetaOf(request),
      );
      return reply.status(201).send(toScheduleOverrideDto(override));
    },
  );

  app.delete(
    '/api/v1/providers/:providerId/schedule-overrides/:overrideId',
    { config: { access: write }, schema: { tags: ['schedules'], summary: 'Remove a date override', params: overrideParams } },
    async (request, reply) => {
      await schedules.deleteOverride(requireStaff(request), request.params.providerId, request.params.overrideId, requestMetaOf(request));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/providers/:providerId/schedule',
    {
      config: { access: read },
      schema: {
        tags: ['schedules'],
        summary: "A provider's working intervals in [from, to) (at most 93 days), as UTC instants and clinic-local times",
        params: providerParams,
        querystring: providerScheduleQuerySchema,
        response: { 200: providerScheduleSchema },
      },
    },
    async (request) => {
      const { from, to, clinicId } = request.query;
      const intervals = await schedules.listWorkingIntervals(requireStaff(request), request.params.providerId, {
        from: new Date(from),
        to: new Date(to),
        clinicId,
      });
      return { providerId: request.params.providerId, intervals: intervals.map(toWorkingIntervalDto) };
    },
  );
};
