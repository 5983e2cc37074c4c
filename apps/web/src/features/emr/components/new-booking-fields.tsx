import type { Clinic } from '@glowdesk/contracts';
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconCalendarPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiProblem, isApiProblem } from '../../../shared/api/api-problem.ts';
import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';
import { getAvailableProviders } from '../../appointments/api/get-available-providers.ts';
import { useOpenTimes } from '../../appointments/api/get-open-times.ts';
import { useProviders } from '../../appointments/api/get-providers.ts';
import { useServices } from '../../appointments/api/get-services.ts';
import {
  addDays,
  formatClinicSpan,
  formatLocalDate,
  formatMinutes,
  localDatesToRange,
  localToday,
  wallClockOf,
} from '../../appointments/clinic-time.ts';
import { openSlotsByDay, type DaySlot } from '../open-slots-by-day.ts';

/** How many days of open times the Date list offers, from today at the clinic. */
const SEARCH_DAYS = 21;

/** What step 2 holds while a new booking is being filled in; kept by the page so it survives moving between steps. */
export interface NewBookingValues {
  clinicId: string | null;
  serviceId: string | null;
  providerId: string | null;
  localDate: string | null;
  /** ISO instant of the chosen time slot. */
  start: string | null;
}

export const emptyNewBooking: NewBookingValues = { clinicId: null, serviceId: null, providerId: null, localDate: null, start: null };

/** A new booking the procedure is made with (`newBooking`): booked through the book's rules when the procedure is created. */
export interface NewBookingDraft {
  clinicId: string;
  serviceId: string;
  durationMinutes: number;
  providerId: string;
  start: string;
  /** "Tue, Dec 8, 2026 · 10:00 AM – 10:30 AM EST · Botox Cosmetic with Dr. Lee at SoHo" */
  description: string;
}

/** The title of a refused new booking: a taken slot says so plainly. */
export function bookingProblemTitle(problem: ApiProblem): string {
  if (problem.code === 'booking_conflict' || problem.code === 'slot_taken') return 'That time is taken';
  if (problem.code === 'outside_working_hours') return 'Outside working hours';
  if (problem.code === 'booking_has_procedure') return 'This booking already has a procedure';
  return problem.status === 409 ? 'This booking cannot be made' : 'The booking was not made';
}

/**
 * The book's explanation of a refusal. A new booking from a procedure never overrides the
 * provider's other bookings, so the book's advice to allow a double booking is left out.
 */
export function bookingProblemDetail(problem: ApiProblem): string {
  return problem.detail.replace(/,? or tick "Allow double booking"/, '');
}

interface NewBookingFieldsProps {
  clinics: Clinic[];
  values: NewBookingValues;
  onChange: (values: NewBookingValues) => void;
  /** A refusal of the last new booking (a taken slot: 409), shown above the fields. */
  problem: ApiProblem | null;
  onProblem: (problem: ApiProblem | null) => void;
  onCreate: (draft: NewBookingDraft) => void;
  onCancel: () => void;
}

/**
 * Step 2's "create a new booking": Location, Service, Duration, Provider and a Time Slot from
 * the book's availability engine (the same open times as the booking form), then Create
 * Booking. The slot is checked again with the book's "who is free then" before it is taken
 * on; the booking itself is made through the book's rules with the procedure (a 409 if the
 * time went in between).
 */
export function NewBookingFields({ clinics, values, onChange, problem, onProblem, onCreate, onCancel }: NewBookingFieldsProps) {
  const queryClient = useQueryClient();
  const clinic = clinics.find((candidate) => candidate.id === values.clinicId);
  const timeZone = clinic?.timezone ?? 'UTC';
  const services = useServices(values.clinicId ?? undefined);
  const providers = useProviders(values.clinicId ?? undefined);
  const inPersonServices = (services.data ?? []).filter((service) => service.mode !== 'virtual');
  const service = inPersonServices.find((candidate) => candidate.id === values.serviceId);
  const performers = (providers.data ?? []).filter(
    (provider) => values.serviceId !== null && provider.serviceIds.includes(values.serviceId),
  );
  const provider = performers.find((candidate) => candidate.id === values.providerId);
  const [checking, setChecking] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);
  // Fixed while the form is open, so the search window and "already begun" do not drift.
  const [nowMs] = useState(() => Date.now());
  const today = localToday(timeZone, new Date(nowMs));

  const openTimes = useOpenTimes(
    clinic && service && provider
      ? {
          clinicId: clinic.id,
          serviceIds: [service.id],
          providerId: provider.id,
          mode: 'in_person',
          ...localDatesToRange(today, addDays(today, SEARCH_DAYS), timeZone),
        }
      : undefined,
  );
  const days = provider
    ? openSlotsByDay(openTimes.data?.slots ?? [], { providerId: provider.id, timeZone, nowMs })
    : new Map<string, DaySlot[]>();
  const slotsOfDay = values.localDate ? (days.get(values.localDate) ?? []) : [];
  // While the query shows the previous provider's or service's result (TanStack Query's placeholderData), those times are not this choice's availability.
  const slotsKnown = openTimes.data !== undefined && !openTimes.isPlaceholderData;

  function change(changes: Partial<NewBookingValues>) {
    setMissing(null);
    onProblem(null);
    onChange({ ...values, ...changes });
  }

  async function create() {
    if (!clinic || !service || !provider || !values.start) {
      setMissing('Choose the location, service, provider and time slot.');
      return;
    }
    setChecking(true);
    try {
      const free = await getAvailableProviders({ clinicId: clinic.id, serviceIds: [service.id], mode: 'in_person', start: values.start });
      if (!free.items.some((candidate) => candidate.id === provider.id)) {
        void queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.openTimes() });
        onChange({ ...values, start: null });
        onProblem(
          new ApiProblem({
            status: 409,
            code: 'slot_taken',
            detail: `${provider.displayName} is no longer free at ${formatMinutes(wallClockOf(values.start, timeZone).minutes)}. Choose another time slot.`,
            field: 'newBooking.start',
          }),
        );
        return;
      }
      const end = new Date(Date.parse(values.start) + service.durationMinutes * 60_000).toISOString();
      onCreate({
        clinicId: clinic.id,
        serviceId: service.id,
        durationMinutes: service.durationMinutes,
        providerId: provider.id,
        start: values.start,
        description: `${formatClinicSpan(values.start, end, timeZone)} · ${service.name} with ${provider.displayName} at ${clinic.name}`,
      });
    } catch (error) {
      if (isApiProblem(error)) onProblem(error);
      else throw error;
    } finally {
      setChecking(false);
    }
  }

  let slotHint: string | undefined;
  if (!provider) slotHint = 'Choose the location, service and provider to see open times.';
  else if (!slotsKnown) slotHint = 'Finding open times…';
  else if (days.size === 0) slotHint = `${provider.displayName} has no open time in the next ${SEARCH_DAYS} days.`;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="New booking">
      <Stack gap="sm">
        <Text fw={600} size="sm">
          New booking
        </Text>
        {problem && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={bookingProblemTitle(problem)} role="alert">
            {bookingProblemDetail(problem)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Location"
            placeholder="Choose a location"
            data={clinics.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
            value={values.clinicId}
            onChange={(clinicId) => change({ clinicId, serviceId: null, providerId: null, localDate: null, start: null })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Service"
            placeholder={values.clinicId ? 'Choose a service' : 'Choose a location first'}
            data={inPersonServices.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
            value={values.serviceId}
            onChange={(serviceId) => change({ serviceId, providerId: null, localDate: null, start: null })}
            disabled={!values.clinicId}
            searchable
            allowDeselect={false}
            nothingFoundMessage="No service matches"
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label="Duration"
            value={service ? `${service.durationMinutes} minutes` : ''}
            placeholder="Set by the service"
            readOnly
          />
          <Select
            label="Provider"
            placeholder={values.serviceId ? 'Choose a provider' : 'Choose a service first'}
            data={performers.map((candidate) => ({ value: candidate.id, label: candidate.displayName }))}
            value={values.providerId}
            onChange={(providerId) => change({ providerId, localDate: null, start: null })}
            disabled={!values.serviceId}
            allowDeselect={false}
            nothingFoundMessage="Nobody here performs this service"
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Date"
            placeholder={provider ? 'Choose a day' : 'Choose a provider first'}
            data={[...days.entries()].map(([localDate, slots]) => ({
              value: localDate,
              label: `${formatLocalDate(localDate, 'weekday')}, ${formatLocalDate(localDate, 'short')} (${slots.length} open)`,
            }))}
            value={slotsKnown ? values.localDate : null}
            onChange={(localDate) => change({ localDate, start: null })}
            disabled={!provider || !slotsKnown || days.size === 0}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Time Slot"
            placeholder={values.localDate ? 'Choose a time' : 'Choose a day first'}
            data={slotsOfDay.map((slot) => ({ value: slot.start, label: formatMinutes(slot.minutes) }))}
            value={values.start}
            onChange={(start) => change({ start })}
            disabled={!values.localDate || slotsOfDay.length === 0}
            allowDeselect={false}
            searchable
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        {slotHint && (
          <Text size="sm" c="dimmed" role="status">
            {slotHint}
          </Text>
        )}
        {clinic && (
          <Text size="xs" c="dimmed">
            The service sets the duration (the book times a visit by its services). Times are at {clinic.name} ({timeZone}).
          </Text>
        )}
        {missing && (
          <Text c="red" size="sm" role="alert">
            {missing}
          </Text>
        )}
        <Group gap="sm">
          <Button leftSection={<IconCalendarPlus size={16} />} loading={checking} onClick={() => void create()}>
            Create Booking
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
