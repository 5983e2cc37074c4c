import type { VisitMode } from '@glowdesk/contracts';
import {
  ActionIcon,
  Alert,
  Button,
  Chip,
  Group,
  Loader,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconClockBolt } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useOpenTimes } from '../../api/get-open-times.ts';
import { addDays, formatLocalDate, formatMinutes, localDatesToRange } from '../../clinic-time.ts';
import { groupOpenTimes, type OpenTime, type PartOfDay } from './group-open-times.ts';
import classes from './open-times.module.css';

/** How many days one page of open times covers. */
const WINDOW_DAYS = 14;
const TIMES_SHOWN_PER_DAY = 12;

const weekdays = [
  { value: '1', label: 'Mon' },
  { value: '2', label: 'Tue' },
  { value: '3', label: 'Wed' },
  { value: '4', label: 'Thu' },
  { value: '5', label: 'Fri' },
  { value: '6', label: 'Sat' },
  { value: '7', label: 'Sun' },
];

export interface PickedTime {
  localDate: string;
  startMin: number;
  /** Who takes it: the provider the list was for, or the first of those free. */
  providerId: string;
}

interface OpenTimesProps {
  clinicId: string;
  timeZone: string;
  today: string;
  serviceIds: string[];
  packageId: string | undefined;
  mode: VisitMode;
  /** Providers who perform the services, for the "Open times for" choice. */
  providers: { id: string; displayName: string }[];
  /** The provider the list starts on (a clicked column), else anyone. */
  initialProviderId: string | null;
  /** The first day shown. */
  initialFromDate: string;
  /** Part of day and weekday filters, for finding a time with a client on the phone. */
  withFilters: boolean;
  selected: { localDate: string; startMin: number | null; providerId: string | null };
  onPick: (time: PickedTime) => void;
}

/**
 * The booking form's open times from the availability engine: the next available first, then
 * every open start by day, for anyone who performs the services or for one provider.
 */
export function OpenTimes(props: OpenTimesProps) {
  const { timeZone, today } = props;
  const [providerFilter, setProviderFilter] = useState<string | null>(
    props.initialProviderId && props.providers.some((provider) => provider.id === props.initialProviderId) ? props.initialProviderId : null,
  );
  const [fromDate, setFromDate] = useState(props.initialFromDate < today ? today : props.initialFromDate);
  const [partOfDay, setPartOfDay] = useState<PartOfDay>('any');
  const [chosenWeekdays, setChosenWeekdays] = useState<string[]>([]);
  const [expandedDays, setExpandedDays] = useState<ReadonlySet<string>>(new Set());

  const range = localDatesToRange(fromDate, addDays(fromDate, WINDOW_DAYS), timeZone);
  const openTimes = useOpenTimes({
    clinicId: props.clinicId,
    serviceIds: props.packageId ? undefined : props.serviceIds,
    packageId: props.packageId,
    providerId: providerFilter ?? undefined,
    mode: props.mode,
    ...range,
  });
  // Fixed while the form is open, so the list does not shift under the pointer.
  const [nowMs] = useState(() => Date.now());
  const days = useMemo(
    () =>
      groupOpenTimes(openTimes.data?.slots ?? [], timeZone, {
        nowMs,
        partOfDay,
        weekdays: new Set(chosenWeekdays.map(Number)),
      }),
    [openTimes.data, timeZone, nowMs, partOfDay, chosenWeekdays],
  );
  const names = new Map(props.providers.map((provider) => [provider.id, provider.displayName]));
  const providerFor = (time: OpenTime) =>
    providerFilter ??
    (props.selected.providerId && time.providerIds.includes(props.selected.providerId) ? props.selected.providerId : time.providerIds[0]) ??
    '';
  const pick = (time: OpenTime) => props.onPick({ localDate: time.localDate, startMin: time.startMin, providerId: providerFor(time) });
  const next = days[0]?.times[0];
  const lastDate = addDays(fromDate, WINDOW_DAYS - 1);

  return (
    <Stack gap="xs" className={classes.panel} component="section" aria-label="Open times">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap={6}>
          <IconClockBolt size={18} stroke={1.6} aria-hidden="true" />
          <Text size="sm" fw={650}>
            Open times
          </Text>
          {openTimes.isFetching && <Loader size={12} aria-label="Finding open times" />}
        </Group>
        <Select
          aria-label="Open slots for"
          size="xs"
          w={190}
          data={[
            { value: 'any', label: 'Any provider' },
            ...props.providers.map((provider) => ({ value: provider.id, label: provider.displayName })),
          ]}
          value={providerFilter ?? 'any'}
          onChange={(value) => setProviderFilter(value === null || value === 'any' ? null : value)}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      {props.withFilters && (
        <Stack gap={6}>
          <SegmentedControl
            aria-label="Part of the day"
            size="xs"
            fullWidth
            value={partOfDay}
            onChange={setPartOfDay}
            data={[
              { value: 'any', label: 'Any time' },
              { value: 'morning', label: 'Morning' },
              { value: 'afternoon', label: 'Afternoon' },
              { value: 'evening', label: 'Evening' },
            ]}
          />
          <Chip.Group multiple value={chosenWeekdays} onChange={setChosenWeekdays}>
            <Group gap={4} role="group" aria-label="Days of the week">
              {weekdays.map((day) => (
                <Chip key={day.value} value={day.value} size="xs" variant="outline">
                  {day.label}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
      )}
      {openTimes.isError ? (
        <Alert color="red" variant="light" role="alert" p="xs">
          The open times could not be loaded. Pick a time below instead.
        </Alert>
      ) : next ? (
        <Button
          variant="light"
          justify="space-between"
          fullWidth
          h="auto"
          py={6}
          onClick={() => pick(next)}
          rightSection={<IconChevronRight size={16} />}
          // A long provider name wraps onto a second line on a phone instead of being cut off.
          styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
          aria-label={`Next available: ${formatLocalDate(next.localDate, 'short')} at ${formatMinutes(next.startMin)} with ${names.get(providerFor(next)) ?? 'a provider'}`}
        >
          <Stack gap={0} align="flex-start">
            <Text size="xs" fw={600} c="lagoon.8">
              Next available
            </Text>
            <Text size="sm" fw={650}>
              {formatLocalDate(next.localDate, 'weekday')} {formatLocalDate(next.localDate, 'short')} · {formatMinutes(next.startMin)}
              {' · '}
              {names.get(providerFor(next)) ?? ''}
            </Text>
          </Stack>
        </Button>
      ) : openTimes.isPending ? (
        // Holds the room the next available time will take, so the fields below do not jump.
        <Skeleton height={48} radius="sm" />
      ) : (
        <Text size="sm" c="dimmed">
          No open times {formatLocalDate(fromDate, 'short')} – {formatLocalDate(lastDate, 'short')}
          {partOfDay !== 'any' || chosenWeekdays.length > 0 ? ' with these filters' : ''}. Try later dates.
        </Text>
      )}
      <div className={classes.days} data-loading={openTimes.isPending || undefined}>
        {days.map((day) => {
          const expanded = expandedDays.has(day.localDate);
          const shown = expanded ? day.times : day.times.slice(0, TIMES_SHOWN_PER_DAY);
          const label = `${formatLocalDate(day.localDate, 'weekday')} ${formatLocalDate(day.localDate, 'short')}`;
          return (
            <div key={day.localDate} role="group" aria-label={label} className={classes.day}>
              <Text size="xs" fw={650} className={classes.dayLabel}>
                {label}
              </Text>
              <div className={classes.times}>
                {shown.map((time) => {
                  const isSelected =
                    props.selected.localDate === time.localDate &&
                    props.selected.startMin === time.startMin &&
                    (props.selected.providerId === null || time.providerIds.includes(props.selected.providerId));
                  return (
                    <UnstyledButton
                      key={time.startMin}
                      className={classes.time}
                      data-selected={isSelected || undefined}
                      aria-pressed={isSelected}
                      title={time.providerIds.map((providerId) => names.get(providerId) ?? '').join(', ')}
                      onClick={() => pick(time)}
                    >
                      {formatMinutes(time.startMin)}
                    </UnstyledButton>
                  );
                })}
                {day.times.length > TIMES_SHOWN_PER_DAY && (
                  <UnstyledButton
                    className={classes.more}
                    onClick={() =>
                      setExpandedDays((current) => {
                        const nextSet = new Set(current);
                        if (expanded) nextSet.delete(day.localDate);
                        else nextSet.add(day.localDate);
                        return nextSet;
                      })
                    }
                  >
                    {expanded ? 'Fewer' : `${day.times.length - TIMES_SHOWN_PER_DAY} more`}
                  </UnstyledButton>
                )}
              </div>
            </div>
          );
        })}
      </div>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label="Earlier open times"
          disabled={fromDate <= today}
          onClick={() => setFromDate((current) => (addDays(current, -WINDOW_DAYS) < today ? today : addDays(current, -WINDOW_DAYS)))}
        >
          <IconChevronLeft size={16} />
        </ActionIcon>
        <Text size="xs" c="dimmed">
          {formatLocalDate(fromDate, 'short')} – {formatLocalDate(lastDate, 'short')}
        </Text>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label="Later open times"
          onClick={() => setFromDate((current) => addDays(current, WINDOW_DAYS))}
        >
          <IconChevronRight size={16} />
        </ActionIcon>
      </Group>
    </Stack>
  );
}
