import type { createScheduleOverrideRequestSchema, replaceScheduleRulesRequestSchema } from '@glowdesk/contracts';
import { expandWorkingIntervals } from '@glowdesk/scheduling';
import type { z } from 'zod';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import * as clinicRepository from './clinic-repository.ts';
import type { ClinicRecord } from './clinic-repository.ts';
import { addDays, LOCAL_DATE_MARGIN_DAYS, localDateAt } from './clinic-time.ts';
import type { PracticeDependencies } from './practice-dependencies.ts';
import { buildProviderSchedules } from './provider-schedules.ts';
import * as providerRepository from './provider-repository.ts';
import type { ProviderRecord } from './provider-repository.ts';
import { throwIfProblems } from './reference-checks.ts';
import * as scheduleRepository from './schedule-repository.ts';
import type { NewScheduleRule, ScheduleOverrideRecord, ScheduleRuleRecord } from './schedule-repository.ts';
import { callingEngine } from './scheduling-errors.ts';
import { recordSetupChange } from './setup-audit.ts';
import { mappingSetupErrors } from './setup-write-errors.ts';
import { findOverlappingRules } from './weekly-rule-overlaps.ts';

export type ReplaceScheduleRulesInput = z.output<typeof replaceScheduleRulesRequestSchema>;
export type CreateScheduleOverrideInput = z.output<typeof createScheduleOverrideRequestSchema>;

/** A working interval of a provider at one clinic, as instants and clinic-local wall clock. */
export interface ClinicWorkingInterval {
  clinicId: string;
  start: Date;
  end: Date;
  localDate: string;
  localStart: string;
  localEnd: string;
  source: 'weekly' | 'override';
}

export function createScheduleService({ database, clock }: PracticeDependencies) {
  async function loadProvider(tx: Transaction, practiceId: string, providerId: string, lock = false): Promise<ProviderRecord> {
    const provider = await providerRepository.findProvider(tx, practiceId, providerId, { lock });
    if (!provider) throw new NotFoundError('Provider', 'providerId');
    return provider;
  }

  /** The clinic, which the provider must work at, for a schedule write. */
  async function loadProviderClinic(
    tx: Transaction,
    practiceId: string,
    provider: ProviderRecord,
    clinicId: string,
  ): Promise<ClinicRecord> {
    const clinic = await clinicRepository.findClinic(tx, practiceId, clinicId);
    if (!clinic) throw new ValidationError('No clinic with this id.', { field: 'clinicId', code: 'unknown_id' });
    if (!provider.clinicIds.includes(clinicId)) {
      throw new ValidationError(
        `${provider.displayName} does not work at ${clinic.name}. Add the clinic to the provider's clinicIds first.`,
        {
          field: 'clinicId',
          code: 'provider_not_at_clinic',
        },
      );
    }
    return clinic;
  }

  return {
    async listRules(actor: StaffActor, providerId: string, clinicId: string | undefined): Promise<ScheduleRuleRecord[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        await loadProvider(tx, actor.practiceId, providerId);
        return scheduleRepository.listProviderRules(tx, actor.practiceId, providerId, { clinicId });
      });
    },

    /**
     * Replaces all of a provider's weekly rules at one clinic at once. Rules without
     * `effectiveFrom` start on the clinic's today. Overlapping rules are refused.
     */
    async replaceRules(
      actor: StaffActor,
      providerId: string,
      input: ReplaceScheduleRulesInput,
      meta: RequestMeta,
    ): Promise<ScheduleRuleRecord[]> {
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          // Locking the provider serializes concurrent replacements of their hours.
          const provider = await loadProvider(tx, actor.practiceId, providerId, true);
          const clinic = await loadProviderClinic(tx, actor.practiceId, provider, input.clinicId);
          const today = localDateAt(clock.now(), clinic.timezone);
          const problems: FieldProblem[] = [];
          const rules: NewScheduleRule[] = input.rules.map((rule, index) => {
            const effectiveFrom = rule.effectiveFrom ?? today;
            const effectiveTo = rule.effectiveTo ?? null;
            if (effectiveTo !== null && effectiveTo < effectiveFrom) {
              problems.push({
                field: `rules[${index}].effectiveTo`,
                message: `Must be on or after effectiveFrom (${effectiveFrom}).`,
                code: 'range_reversed',
              });
            }
            return { weekday: rule.weekday, start: rule.start, end: rule.end, effectiveFrom, effectiveTo };
          });
          throwIfProblems([...problems, ...findOverlappingRules(rules)]);
          const before = await scheduleRepository.listProviderRules(tx, actor.practiceId, providerId, { clinicId: clinic.id });
          const saved = await scheduleRepository.replaceProviderRules(tx, actor.practiceId, providerId, clinic.id, rules);
          await recordSetupChange(tx, actor, meta, {
            action: 'provider.schedule_rules.replace',
            objectType: 'provider',
            objectId: providerId,
            details: {
              clinicId: clinic.id,
              before: before.map(({ weekday, start, end, effectiveFrom, effectiveTo }) => ({
                weekday,
                start,
                end,
                effectiveFrom,
                effectiveTo,
              })),
              after: rules,
            },
          });
          return saved;
        }),
      );
    },

    async listOverrides(
      actor: StaffActor,
      providerId: string,
      filter: { clinicId?: string | undefined; fromDate?: string | undefined; toDate?: string | undefined },
    ): Promise<ScheduleOverrideRecord[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        await loadProvider(tx, actor.practiceId, providerId);
        return scheduleRepository.listProviderOverrides(tx, actor.practiceId, providerId, filter);
      });
    },

    /** Different hours, or a day off, on one local date at one clinic. */
    async createOverride(
      actor: StaffActor,
      providerId: string,
      input: CreateScheduleOverrideInput,
      meta: RequestMeta,
    ): Promise<ScheduleOverrideRecord> {
      return mappingSetupErrors(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          const provider = await loadProvider(tx, actor.practiceId, providerId);
          const clinic = await loadProviderClinic(tx, actor.practiceId, provider, input.clinicId);
          const intervals = [...input.intervals].sort((left, right) => left.start.localeCompare(right.start));
          const override = await scheduleRepository.insertScheduleOverride(tx, actor.practiceId, {
            providerId,
            clinicId: clinic.id,
            localDate: input.localDate,
            intervals,
            note: input.note ?? null,
          });
          await recordSetupChange(tx, actor, meta, {
            action: 'provider.schedule_override.create',
            objectType: 'provider',
            objectId: providerId,
            details: { overrideId: override.id, clinicId: clinic.id, localDate: override.localDate, intervals },
          });
          return override;
        }),
      );
    },

    async deleteOverride(actor: StaffActor, providerId: string, overrideId: string, meta: RequestMeta): Promise<void> {
      await inPractice(database, actor.practiceId, async (tx) => {
        await loadProvider(tx, actor.practiceId, providerId);
        const removed = await scheduleRepository.deleteScheduleOverride(tx, actor.practiceId, providerId, overrideId);
        if (!removed) throw new NotFoundError('Schedule override', 'overrideId');
        await recordSetupChange(tx, actor, meta, {
          action: 'provider.schedule_override.delete',
          objectType: 'provider',
          objectId: providerId,
          details: { overrideId, clinicId: removed.clinicId, localDate: removed.localDate, intervals: removed.intervals },
        });
      });
    },

    /** The provider's working intervals overlapping [from, to), at every clinic or one. */
    async listWorkingIntervals(
      actor: StaffActor,
      providerId: string,
      range: { from: Date; to: Date; clinicId?: string | undefined },
    ): Promise<ClinicWorkingInterval[]> {
      const fromDate = addDays(localDateAt(range.from, 'UTC'), -LOCAL_DATE_MARGIN_DAYS);
      const toDate = addDays(localDateAt(range.to, 'UTC'), LOCAL_DATE_MARGIN_DAYS);
      const { clinics, rules, overrides } = await inPractice(database, actor.practiceId, async (tx) => {
        const provider = await loadProvider(tx, actor.practiceId, providerId);
        const clinicIds = provider.clinicIds.filter((clinicId) => range.clinicId === undefined || clinicId === range.clinicId);
        return {
          clinics: await clinicRepository.findClinicsByIds(tx, actor.practiceId, clinicIds),
          rules: await scheduleRepository.listProviderRules(tx, actor.practiceId, providerId, {
            clinicId: range.clinicId,
            fromDate,
            toDate,
          }),
          overrides: await scheduleRepository.listProviderOverrides(tx, actor.practiceId, providerId, {
            clinicId: range.clinicId,
            fromDate,
            toDate,
          }),
        };
      });
      const intervals: ClinicWorkingInterval[] = [];
      for (const clinic of clinics) {
        const [schedule] = buildProviderSchedules(
          [providerId],
          rules.filter((rule) => rule.clinicId === clinic.id),
          overrides.filter((override) => override.clinicId === clinic.id),
        );
        if (!schedule) continue;
        const expanded = callingEngine(() => expandWorkingIntervals(schedule, clinic.timezone, range.from.getTime(), range.to.getTime()));
        for (const interval of expanded) {
          intervals.push({
            clinicId: clinic.id,
            start: new Date(interval.start),
            end: new Date(interval.end),
            localDate: interval.localDate,
            localStart: interval.localStart,
            localEnd: interval.localEnd,
            source: interval.source,
          });
        }
      }
      return intervals.sort((left, right) => left.start.getTime() - right.start.getTime() || left.clinicId.localeCompare(right.clinicId));
    },
  };
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
