import type {
  createServicePackageRequestSchema,
  createServiceRequestSchema,
  ServiceMode,
  updateServicePackageRequestSchema,
  updateServiceRequestSchema,
} from '@glowdesk/contracts';
import type { z } from 'zod';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as clinicRepository from './clinic-repository.ts';
import * as packageRepository from './package-repository.ts';
import type { ServicePackageRecord } from './package-repository.ts';
import type { PracticeDependencies } from './practice-dependencies.ts';
import * as providerRepository from './provider-repository.ts';
import { assertVersion, problemsForUnknownIds, throwIfProblems } from './reference-checks.ts';
import * as resourceRepository from './resource-repository.ts';
import * as serviceRepository from './service-repository.ts';
import type { ServiceFilter, ServiceRecord } from './service-repository.ts';
import { describeChanges, recordSetupChange } from './setup-audit.ts';
import { mappingSetupErrors } from './setup-write-errors.ts';

export type CreateServiceInput = z.output<typeof createServiceRequestSchema>;
export type UpdateServiceInput = z.output<typeof updateServiceRequestSchema>;
export type CreateServicePackageInput = z.output<typeof createServicePackageRequestSchema>;
export type UpdateServicePackageInput = z.output<typeof updateServicePackageRequestSchema>;

interface ServiceLinks {
  mode: ServiceMode;
  clinicIds: readonly string[];
  resourceIds: readonly string[];
  providerIds: readonly string[];
}

/**
 * Checks what a service refers to and returns the resources it needs with their clinics.
 * A service may only need a resource at a clinic that offers it (the database checks this
 * too, through service_resources_offered_fkey); `sent` says which lists the request carried,
 * so the error names the field the caller can fix.
 */
async function checkServiceLinks(
  tx: Transaction,
  practiceId: string,
  links: ServiceLinks,
  sent: { clinicIds: boolean; resourceIds: boolean },
): Promise<{ resourceId: string; clinicId: string }[]> {
  const clinics = await clinicRepository.findClinicsByIds(tx, practiceId, links.clinicIds);
  const resources = await resourceRepository.findResourcesByIds(tx, practiceId, links.resourceIds);
  const providers = await providerRepository.findProviderSummariesByIds(tx, practiceId, links.providerIds);
  const clinicNames = new Map(clinics.map((clinic) => [clinic.id, clinic.name]));
  const resourcesById = new Map(resources.map((resource) => [resource.id, resource]));
  const problems: FieldProblem[] = [
    ...problemsForUnknownIds(links.clinicIds, new Set(clinicNames.keys()), 'clinicIds', 'clinic'),
    ...problemsForUnknownIds(links.resourceIds, new Set(resourcesById.keys()), 'resourceIds', 'resource'),
    ...problemsForUnknownIds(links.providerIds, new Set(providers.map((provider) => provider.id)), 'providerIds', 'provider'),
  ];
  if (links.mode === 'virtual' && links.resourceIds.length > 0) {
    problems.push({
      field: 'resourceIds',
      message: 'A virtual-only service needs no rooms or equipment.',
      code: 'virtual_needs_resources',
    });
  }
  links.resourceIds.forEach((resourceId, index) => {
    const resource = resourcesById.get(resourceId);
    if (!resource || clinicNames.has(resource.clinicId)) return;
    problems.push(
      sent.resourceIds
        ? {
            field: `resourceIds[${index}]`,
            message: `${resource.name} belongs to a clinic that does not offer this service. Add that clinic to clinicIds or choose a resource the service's clinics have.`,
            code: 'resource_not_at_clinic',
          }
        : {
            field: 'clinicIds',
            message: `The service needs ${resource.name} at a clinic being removed. Send resourceIds without it as well.`,
            code: 'resource_not_at_clinic',
          },
    );
  });
  throwIfProblems(problems);
  return links.resourceIds.map((resourceId) => ({ resourceId, clinicId: resourcesById.get(resourceId)?.clinicId ?? '' }));
}

async function checkPackageServices(tx: Transaction, practiceId: string, serviceIds: readonly string[]): Promise<void> {
  const found = await serviceRepository.findServiceNamesByIds(tx, practiceId, [...new Set(serviceIds)]);
  const byId = new Map(found.map((service) => [service.id, service]));
  const problems = problemsForUnknownIds(serviceIds, new Set(byId.keys()), 'serviceIds', 'service');
  serviceIds.forEach((serviceId, index) => {
    const service = byId.get(serviceId);
    if (service && !service.active)
      problems.push({ field: `serviceIds[${index}]`, message: `${service.name} is deactivated.`, code: 'inactive' });
  });
  throwIfProblems(problems);
}

export function createCatalogService({ database, clock }: PracticeDependencies) {
  async function loadService(tx: Transaction, practiceId: string, serviceId: string): Promise<ServiceRecord> {
    const service = await serviceRepository.findService(tx, practiceId, serviceId);
    if (!service) throw new NotFoundError('Service', 'serviceId');
    return service;
  }

  async function loadPackage(tx: Transaction, practiceId: string, packageId: string): Promise<ServicePackageRecord> {
    const found = await packageRepository.findServicePackage(tx, practiceId, packageId);
    if (!found) throw new NotFoundError('Service package', 'packageId');
    return found;
  }

  return {
    async listServices(actor: StaffActor, filter: ServiceFilter): Promise<ServiceRecord[]> {
      return inPractice(database, actor.practiceId, (tx) => serviceRepository.listServices(tx, actor.practiceId, filter));
    },

    async getService(actor: StaffActor, serviceId: string): Promise<ServiceRecord> {
      return inPractice(database, actor.practiceId, (tx) => loadService(tx, actor.practiceId, serviceId));
    },

    async createService(actor: StaffActor, input: CreateServiceInput, meta: RequestMeta): Promise<ServiceRecord> {
      const { clinicIds, resourceIds, providerIds, ...fields } = input;
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          const needs = await checkServiceLinks(
            tx,
            actor.practiceId,
            { mode: fields.mode, clinicIds, resourceIds, providerIds },
            { clinicIds: true, resourceIds: true },
          );
          const { id } = await serviceRepository.insertService(tx, actor.practiceId, {
            ...fields,
            category: fields.category ?? null,
            description: fields.description ?? null,
          });
          await serviceRepository.replaceServiceClinics(tx, actor.practiceId, id, clinicIds);
          await serviceRepository.replaceServiceResources(tx, actor.practiceId, id, needs);
          await serviceRepository.replaceServiceProviders(tx, actor.practiceId, id, providerIds);
          const service = await loadService(tx, actor.practiceId, id);
          await recordSetupChange(tx, actor, meta, {
            action: 'service.create',
            objectType: 'service',
            objectId: id,
            details: {
              name: service.name,
              durationMinutes: service.durationMinutes,
              priceCents: service.priceCents,
              currency: service.currency,
              clinicIds,
              resourceIds,
              providerIds,
            },
          });
          return service;
        }),
      );
    },

    async updateService(
      actor: StaffActor,
      serviceId: string,
      changes: UpdateServiceInput,
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<ServiceRecord> {
      const { clinicIds, resourceIds, providerIds, ...fields } = changes;
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          const before = await serviceRepository.findService(tx, actor.practiceId, serviceId, { lock: true });
          if (!before) throw new NotFoundError('Service', 'serviceId');
          assertVersion(expectedVersion, before.version);
          const linksChange = clinicIds !== undefined || resourceIds !== undefined || fields.mode !== undefined;
          const needs = linksChange
            ? await checkServiceLinks(
                tx,
                actor.practiceId,
                {
                  mode: fields.mode ?? before.mode,
                  clinicIds: clinicIds ?? before.clinicIds,
                  resourceIds: resourceIds ?? before.resourceIds,
                  providerIds: providerIds ?? [],
                },
                { clinicIds: clinicIds !== undefined, resourceIds: resourceIds !== undefined },
              )
            : undefined;
          if (!linksChange && providerIds !== undefined) {
            await checkServiceLinks(
              tx,
              actor.practiceId,
              { mode: before.mode, clinicIds: [], resourceIds: [], providerIds },
              { clinicIds: false, resourceIds: false },
            );
          }
          await serviceRepository.updateService(tx, actor.practiceId, serviceId, fields, clock.now());
          if (clinicIds !== undefined) await serviceRepository.replaceServiceClinics(tx, actor.practiceId, serviceId, clinicIds);
          if (needs !== undefined) await serviceRepository.replaceServiceResources(tx, actor.practiceId, serviceId, needs);
          if (providerIds !== undefined) await serviceRepository.replaceServiceProviders(tx, actor.practiceId, serviceId, providerIds);
          const after = await loadService(tx, actor.practiceId, serviceId);
          await recordSetupChange(tx, actor, meta, {
            action: 'service.update',
            objectType: 'service',
            objectId: serviceId,
            details: { changes: describeChanges(before, after, Object.keys(changes)) },
          });
          return after;
        }),
      );
    },

    /** Only a service no package includes (and nothing booked) can go; otherwise 409. */
    async removeService(actor: StaffActor, serviceId: string, meta: RequestMeta): Promise<void> {
      await mappingSetupErrors(
        () =>
          inPractice(database, actor.practiceId, async (tx) => {
            const service = await serviceRepository.findService(tx, actor.practiceId, serviceId, { lock: true });
            if (!service) throw new NotFoundError('Service', 'serviceId');
            await serviceRepository.deleteService(tx, actor.practiceId, serviceId);
            await recordSetupChange(tx, actor, meta, {
              action: 'service.delete',
              objectType: 'service',
              objectId: serviceId,
              details: { name: service.name },
            });
          }),
        'delete',
      );
    },

    async listPackages(actor: StaffActor, filter: { active?: boolean | undefined }): Promise<ServicePackageRecord[]> {
      return inPractice(database, actor.practiceId, (tx) => packageRepository.listServicePackages(tx, actor.practiceId, filter));
    },

    async getPackage(actor: StaffActor, packageId: string): Promise<ServicePackageRecord> {
      return inPractice(database, actor.practiceId, (tx) => loadPackage(tx, actor.practiceId, packageId));
    },

    async createPackage(actor: StaffActor, input: CreateServicePackageInput, meta: RequestMeta): Promise<ServicePackageRecord> {
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          await checkPackageServices(tx, actor.practiceId, input.serviceIds);
          const { id } = await packageRepository.insertServicePackage(tx, actor.practiceId, {
            name: input.name,
            description: input.description ?? null,
            priceCents: input.priceCents,
            currency: input.currency,
          });
          await packageRepository.replaceServicePackageItems(tx, actor.practiceId, id, input.serviceIds);
          const created = await loadPackage(tx, actor.practiceId, id);
          await recordSetupChange(tx, actor, meta, {
            action: 'service_package.create',
            objectType: 'service_package',
            objectId: id,
            details: { name: created.name, priceCents: created.priceCents, currency: created.currency, serviceIds: created.serviceIds },
          });
          return created;
        }),
      );
    },

    async updatePackage(
      actor: StaffActor,
      packageId: string,
      changes: UpdateServicePackageInput,
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<ServicePackageRecord> {
      const { serviceIds, ...fields } = changes;
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          const before = await packageRepository.findServicePackage(tx, actor.practiceId, packageId, { lock: true });
          if (!before) throw new NotFoundError('Service package', 'packageId');
          assertVersion(expectedVersion, before.version);
          if (serviceIds !== undefined) await checkPackageServices(tx, actor.practiceId, serviceIds);
          await packageRepository.updateServicePackage(tx, actor.practiceId, packageId, fields, clock.now());
          if (serviceIds !== undefined) await packageRepository.replaceServicePackageItems(tx, actor.practiceId, packageId, serviceIds);
          const after = await loadPackage(tx, actor.practiceId, packageId);
          await recordSetupChange(tx, actor, meta, {
            action: 'service_package.update',
            objectType: 'service_package',
            objectId: packageId,
            details: { changes: describeChanges(before, after, Object.keys(changes)) },
          });
          return after;
        }),
      );
    },

    async removePackage(actor: StaffActor, packageId: string, meta: RequestMeta): Promise<void> {
      await mappingSetupErrors(
        () =>
          inPractice(database, actor.practiceId, async (tx) => {
            const found = await packageRepository.findServicePackage(tx, actor.practiceId, packageId, { lock: true });
            if (!found) throw new NotFoundError('Service package', 'packageId');
            await packageRepository.deleteServicePackage(tx, actor.practiceId, packageId);
            await recordSetupChange(tx, actor, meta, {
              action: 'service_package.delete',
              objectType: 'service_package',
              objectId: packageId,
              details: { name: found.name },
            });
          }),
        'delete',
      );
    },
  };
}

export type CatalogService = ReturnType<typeof createCatalogService>;
