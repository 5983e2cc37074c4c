import type {
  Clinic,
  Provider,
  Resource,
  ScheduleOverride,
  ScheduleRule,
  Service,
  ServicePackage,
  WorkingInterval,
} from '@glowdesk/contracts';
import type { ClinicRecord } from './clinic-repository.ts';
import type { ServicePackageRecord } from './package-repository.ts';
import type { ProviderRecord } from './provider-repository.ts';
import type { ResourceRecord } from './resource-repository.ts';
import type { ScheduleOverrideRecord, ScheduleRuleRecord } from './schedule-repository.ts';
import type { ClinicWorkingInterval } from './schedule-service.ts';
import type { ServiceRecord } from './service-repository.ts';

/** Records as the API shows them: instants as ISO 8601 strings, no practice id. */

export function toClinicDto({ practiceId: _practiceId, createdAt, updatedAt, ...clinic }: ClinicRecord): Clinic {
  return { ...clinic, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

export function toResourceDto({ practiceId: _practiceId, createdAt, updatedAt, ...resource }: ResourceRecord): Resource {
  return { ...resource, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

export function toServiceDto({ practiceId: _practiceId, createdAt, updatedAt, ...service }: ServiceRecord): Service {
  return { ...service, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

export function toServicePackageDto({
  practiceId: _practiceId,
  createdAt,
  updatedAt,
  ...servicePackage
}: ServicePackageRecord): ServicePackage {
  return { ...servicePackage, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

export function toProviderDto({ practiceId: _practiceId, createdAt, updatedAt, ...provider }: ProviderRecord): Provider {
  return { ...provider, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() };
}

export function toScheduleRuleDto({ providerId: _providerId, ...rule }: ScheduleRuleRecord): ScheduleRule {
  return rule;
}

export function toScheduleOverrideDto({ createdAt, ...override }: ScheduleOverrideRecord): ScheduleOverride {
  return { ...override, createdAt: createdAt.toISOString() };
}

export function toWorkingIntervalDto(interval: ClinicWorkingInterval): WorkingInterval {
  return { ...interval, start: interval.start.toISOString(), end: interval.end.toISOString() };
}
