import type { OpenSlot } from '@glowdesk/contracts';
import { ActionIcon, Alert, Button, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { useBookingAvailability } from '../api/booking-availability.ts';
import type { BookableClinic, BookingCatalog } from '../api/booking-catalog.ts';
import { bookingWeek, formatDuration, type Treatment, type TreatmentSummary } from '../booking-choices.ts';
import { zoneAbbreviation } from '../format/booking-format.ts';
import { StepPage } from '../layout/step-page.tsx';

const WEEK_MS = 7 * 86_400_000;
/** How many weeks ahead the patient may page. */
const MAX_WEEKS_AHEAD = 12;

export type ChosenSlot = Pick<OpenSlot, 'start' | 'end' | 'providerIds'>;

interface TimeStepProps {
  position: number;
  count: number;
  onBack?: (() => void) | undefined;
  slug: string;
  catalog: BookingCatalog;
  clinic: BookableClinic;
  treatment: Treatment;
  summary: TreatmentSummary;
  /** Null: any provider. */
  providerId: string | null;
  /** Why the patient is back here (a time taken by someone else meanwhile). */
  notice: string | undefined;
  onChoose: (slot: ChosenSlot) => void;
}

/** A week of the clinic's days, then the open times of the chosen day, on the clinic's clock. */
export function TimeStep(props: TimeStepProps) {
  const { position, count, onBack, slug, catalog, clinic, treatment, summary, providerId, notice, onChoose } = props;
  const [openedAt] = useState(() => Date.now());
  const [week, setWeek] = useState(0);
  const [chosenDate, setChosenDate] = useState<string | undefined>();
  const from = openedAt + week * WEEK_MS;
  const query = useMemo(
    () => ({
      clinicId: clinic.id,
      ...(treatment.kind === 'package' ? { packageId: treatment.packageId } : { serviceIds: treatment.serviceIds }),
      providerId: providerId ?? undefined,
      mode: summary.mode,
      from: new Date(from).toISOString(),
      to: new Date(from + WEEK_MS).toISOString(),
    }),
    [clinic.id, treatment, providerId, summary.mode, from],
  );
  const availability = useBookingAvailability(slug, query);
  const timeZone = availability.data?.timezone ?? clinic.timezone;
  const loading = availability.isPending || (availability.isPlaceholderData && availability.isFetching);
  const days = bookingWeek(from, loading ? [] : (availability.data?.slots ?? []), timeZone);
  const openDays = days.filter((day) => day.slots.length > 0);
  const selected = days.find((day) => day.localDate === chosenDate && day.slots.length > 0) ?? openDays[0];
  const clock = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });
  const providerName = providerId ? catalog.providers.find((provider) => provider.id === providerId)?.displayName : undefined;
  const firstDay = days[0];
  const lastDay = days[6];

  function changeWeek(by: number) {
    setWeek(week + by);
    setChosenDate(undefined);
  }

  return (
    <StepPage title="Choose a day and time" position={position} count={count} onBack={onBack}>
      <Text size="sm">
        {summary.names.join(', ')} · {formatDuration(summary.durationMinutes)} · {providerName ?? 'Any provider'} at {clinic.name}. Times
        are the clinic&apos;s ({zoneAbbreviation(from, timeZone)}).
      </Text>
      {notice && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          {notice}
        </Alert>
      )}
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <ActionIcon variant="subtle" size={44} aria-label="Previous week" disabled={week === 0} onClick={() => changeWeek(-1)}>
          <IconChevronLeft size={22} aria-hidden="true" />
        </ActionIcon>
        <Text size="sm" fw={600} ta="center" aria-live="polite">
          {firstDay && lastDay ? `${firstDay.label.replace(/^\w+, /, '')} – ${lastDay.label.replace(/^\w+, /, '')}` : ''}
        </Text>
        <ActionIcon variant="subtle" size={44} aria-label="Next week" disabled={week >= MAX_WEEKS_AHEAD} onClick={() => changeWeek(1)}>
          <IconChevronRight size={22} aria-hidden="true" />
        </ActionIcon>
      </Group>
      <div className="book-days" role="group" aria-label="Days">
        {days.map((day) => (
          <button
            key={day.localDate}
            type="button"
            className="book-day"
            disabled={day.slots.length === 0}
            aria-pressed={day.localDate === selected?.localDate}
            onClick={() => setChosenDate(day.localDate)}
          >
            <span className="book-day-weekday" aria-hidden="true">
              {day.weekday}
            </span>
            <span className="book-day-number" aria-hidden="true">
              {day.dayOfMonth}
            </span>
            <span className="book-visually-hidden">
              {day.label}
              {day.slots.length === 0 ? ', no open times' : `, ${day.slots.length} open time${day.slots.length === 1 ? '' : 's'}`}
            </span>
          </button>
        ))}
      </div>
      {loading && <Skeleton h={120} radius="md" aria-label="Loading open times" />}
      {availability.isError && !loading && (
        <LoadError what="open times" error={availability.error} onRetry={() => void availability.refetch()} />
      )}
      {!loading && availability.isSuccess && !selected && (
        <Stack gap="xs" align="flex-start">
          <Title order={2} size="h4">
            No open times this week
          </Title>
          <Text size="sm">
            {providerName
              ? `${providerName} has no open time for this visit this week. Try the next week, or any provider.`
              : 'Try the next week.'}
          </Text>
          <Button
            variant="light"
            rightSection={<IconChevronRight size={16} aria-hidden="true" />}
            disabled={week >= MAX_WEEKS_AHEAD}
            onClick={() => changeWeek(1)}
          >
            Next week
          </Button>
        </Stack>
      )}
      {!loading && selected && (
        <Stack gap="xs" component="section" aria-label={`Open times on ${selected.label}`}>
          <Title order={2} size="h4">
            {selected.label}
          </Title>
          <SimpleGrid cols={{ base: 3, xs: 4 }} spacing={8}>
            {selected.slots.map((slot) => (
              <Button
                key={slot.start}
                variant="light"
                size="md"
                px={4}
                onClick={() => onChoose({ start: slot.start, end: slot.end, providerIds: slot.providerIds })}
                aria-label={`${selected.label}, ${clock.format(new Date(slot.start))}`}
              >
                {clock.format(new Date(slot.start))}
              </Button>
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </StepPage>
  );
}
