import type { Provider, VisitMode } from '@glowdesk/contracts';
import { useAvailableProviders } from '../../api/get-available-providers.ts';
import { useProviderSchedules } from '../../api/get-provider-schedules.ts';
import { useProviders } from '../../api/get-providers.ts';
import { addDays, formatMinutes, localDatesToRange } from '../../clinic-time.ts';
import { useAppointmentPermissions } from '../../use-appointment-permissions.ts';
import type { BookingKind } from './booking-form-values.ts';

interface ProviderChoiceInput {
  kind: BookingKind;
  clinicId: string;
  timeZone: string;
  localDate: string;
  startMin: number | null;
  /** ISO instant of the start, when a time is chosen. */
  start: string | undefined;
  serviceIds: string[];
  packageId: string | undefined;
  hasServices: boolean;
  mode: VisitMode;
  allowDoubleBooking: boolean;
  /** The visit's length plus the last service's buffer, in minutes. */
  visitMinutes: number;
  providerId: string | null;
}

export type ProviderOption = Pick<Provider, 'id' | 'displayName' | 'title'>;

/**
 * Who the Provider list offers. An appointment: "only unoccupied providers", from the server;
 * with "Allow double booking", everyone eligible whose hours cover the visit. An out-of-office
 * block: every provider at the clinic.
 */
export function useProviderChoices(input: ProviderChoiceInput) {
  const { kind, hasServices, start, allowDoubleBooking } = input;
  const clinicProviders = useProviders(input.clinicId);
  const available = useAvailableProviders(
    kind === 'appointment' && hasServices && start && !allowDoubleBooking
      ? {
          clinicId: input.clinicId,
          serviceIds: input.packageId ? undefined : input.serviceIds,
          packageId: input.packageId,
          mode: input.mode,
          start,
        }
      : undefined,
  );
  const eligible = (clinicProviders.data ?? []).filter((provider) =>
    kind === 'out_of_office' ? true : input.serviceIds.every((serviceId) => provider.serviceIds.includes(serviceId)),
  );
  const dayWindow = { clinicId: input.clinicId, ...localDatesToRange(input.localDate, addDays(input.localDate, 1), input.timeZone) };
  const schedules = useProviderSchedules(
    eligible.map((provider) => provider.id),
    kind === 'out_of_office' || allowDoubleBooking ? dayWindow : undefined,
  );

  let choices: ProviderOption[] = [];
  if (kind === 'out_of_office') choices = eligible;
  else if (hasServices && start && allowDoubleBooking) {
    const visitStart = Date.parse(start);
    const visitEnd = visitStart + input.visitMinutes * 60_000;
    choices = eligible.filter((provider) =>
      (schedules.byProvider.get(provider.id) ?? []).some(
        (interval) => Date.parse(interval.start) <= visitStart && Date.parse(interval.end) >= visitEnd,
      ),
    );
  } else if (hasServices && start) choices = available.data?.items ?? [];
  // A provider limited to their own appointments books only in their own column.
  const permissions = useAppointmentPermissions();
  if (permissions.limitedToOwn) choices = choices.filter((choice) => permissions.mayActFor(choice.id));

  const listed = input.providerId === null || choices.some((choice) => choice.id === input.providerId);
  const prefilled = (clinicProviders.data ?? []).find((provider) => provider.id === input.providerId);
  const loading = kind === 'appointment' && hasServices && start !== undefined && !allowDoubleBooking && available.isFetching;

  let hint: string | undefined;
  if (kind === 'appointment' && (!hasServices || !start)) hint = 'Choose services and a time (or an open time above) to see who is free.';
  else if (kind === 'appointment' && !loading && choices.length === 0)
    hint = allowDoubleBooking
      ? 'Nobody who performs these services is working then.'
      : 'Nobody is free then. Pick an open time above, or tick "Allow double booking".';
  else if (kind === 'appointment')
    hint = allowDoubleBooking
      ? 'Everyone working then who performs these services.'
      : 'Only providers free for the whole visit are listed.';

  // Whether a provider is free for the visit can be told only from its length and start.
  const judged = kind === 'out_of_office' || (hasServices && start !== undefined && !loading);
  const notFree =
    !listed && judged && kind === 'appointment' && prefilled
      ? `${prefilled.displayName} is not free for this visit at ${formatMinutes(input.startMin ?? 0)}. Choose another provider${allowDoubleBooking ? '' : ', or tick "Allow double booking"'}.`
      : undefined;

  return {
    choices,
    /** Providers who perform the chosen services (everyone at the clinic for a block). */
    eligible,
    clinicProviders: clinicProviders.data ?? [],
    listed,
    prefilled,
    loading,
    judged,
    hint,
    notFree,
  };
}
