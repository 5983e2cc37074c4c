import { Alert, Badge, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCalendarPlus, IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { isApiProblem } from '../../../../shared/api/api-problem.ts';
import { useReplaceScheduleRules } from '../../api/replace-schedule-rules.ts';
import { addDaysToLocalDate, isoWeekdayOf } from '../../clinic-dates.ts';
import { formatMinutes } from '../../format-minutes.ts';
import { IntervalInputs } from './interval-inputs.tsx';
import { LocalDateInput } from './local-date-input.tsx';
import {
  checkPeriods,
  copyMondayToWeekdays,
  describePeriod,
  emptyPeriod,
  minutesWorked,
  nextInterval,
  periodsFromRules,
  placeRuleProblems,
  rulesFromPeriods,
  weekdayNames,
  type HoursInterval,
  type WeeklyHoursProblems,
  type WeeklyPeriod,
} from './weekly-hours.ts';

interface WeeklyHoursEditorProps {
  providerId: string;
  clinicId: string;
  /** The periods as saved. */
  saved: WeeklyPeriod[];
  /** The clinic's today, 'YYYY-MM-DD': new hours start then. */
  today: string;
  /** Told whether there are unsaved edits, so leaving can ask first. */
  onDirtyChange: (dirty: boolean) => void;
}

function sameRules(left: readonly WeeklyPeriod[], right: readonly WeeklyPeriod[]): boolean {
  return JSON.stringify(rulesFromPeriods(left).rules) === JSON.stringify(rulesFromPeriods(right).rules);
}

/** The Monday on or after a date. */
function nextMonday(localDate: string): string {
  return addDaysToLocalDate(localDate, (8 - isoWeekdayOf(localDate)) % 7);
}

/**
 * A provider's weekly hours at one clinic: Monday to Sunday, several intervals a day, for one
 * or more date ranges. Saving replaces all of them at once.
 */
export function WeeklyHoursEditor({ providerId, clinicId, saved: initiallySaved, today, onDirtyChange }: WeeklyHoursEditorProps) {
  const [saved, setSaved] = useState(initiallySaved);
  const [periods, setPeriods] = useState<WeeklyPeriod[]>(() => (initiallySaved.length > 0 ? initiallySaved : [emptyPeriod(today)]));
  const [selected, setSelected] = useState(() =>
    Math.max(
      0,
      initiallySaved.findLastIndex((period) => period.effectiveFrom <= today),
    ),
  );
  const [problems, setProblems] = useState<WeeklyHoursProblems>(new Map());
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [checked, setChecked] = useState(false);
  const replaceRules = useReplaceScheduleRules();

  const period = periods[selected] ?? periods[0] ?? emptyPeriod(today);
  const periodProblems = problems.get(selected);
  const dirty = !sameRules(periods, saved);
  useEffect(() => {
    onDirtyChange(dirty);
  }, [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  function change(next: WeeklyPeriod[]) {
    setPeriods(next);
    setUnplaced([]);
    // After a refused save, the messages follow the edits; before, they wait for Save.
    setProblems(checked ? checkPeriods(next) : new Map());
  }

  function changePeriod(update: (current: WeeklyPeriod) => WeeklyPeriod) {
    change(periods.map((candidate, index) => (index === selected ? update(candidate) : candidate)));
  }

  function changeDay(weekday: number, intervals: HoursInterval[]) {
    changePeriod((current) => ({ ...current, days: current.days.map((day, index) => (index === weekday ? intervals : day)) }));
  }

  function addPeriod() {
    const startsOn = nextMonday(addDaysToLocalDate(period.effectiveTo ?? (period.effectiveFrom > today ? period.effectiveFrom : today), 1));
    const ending = period.effectiveTo === null ? { ...period, effectiveTo: addDaysToLocalDate(startsOn, -1) } : period;
    const added: WeeklyPeriod = {
      effectiveFrom: startsOn,
      effectiveTo: null,
      days: period.days.map((day) => day.map((interval) => ({ ...interval }))),
    };
    const next = [...periods.map((candidate, index) => (index === selected ? ending : candidate)), added].sort((a, b) =>
      a.effectiveFrom.localeCompare(b.effectiveFrom),
    );
    change(next);
    setSelected(next.indexOf(added));
  }

  function removePeriod() {
    const next = periods.filter((_, index) => index !== selected);
    change(next.length > 0 ? next : [emptyPeriod(today)]);
    setSelected(Math.max(0, selected - 1));
  }

  function discard() {
    setPeriods(saved.length > 0 ? saved : [emptyPeriod(today)]);
    setProblems(new Map());
    setUnplaced([]);
    setChecked(false);
  }

  function save() {
    setChecked(true);
    const found = checkPeriods(periods);
    if (found.size > 0) {
      setProblems(found);
      setSelected([...found.keys()].includes(selected) ? selected : ([...found.keys()][0] ?? selected));
      return;
    }
    const { rules, origins } = rulesFromPeriods(periods);
    replaceRules.mutate(
      { providerId, request: { clinicId, rules } },
      {
        onSuccess: (savedRules) => {
          const savedPeriods = periodsFromRules(savedRules);
          setSaved(savedPeriods);
          setPeriods(savedPeriods.length > 0 ? savedPeriods : [emptyPeriod(today)]);
          setSelected((current) => Math.min(current, Math.max(0, savedPeriods.length - 1)));
          setProblems(new Map());
          setChecked(false);
          notifications.show({ color: 'lagoon', title: 'Working hours saved', message: 'The preview shows the days ahead.' });
        },
        onError: (error) => {
          if (!isApiProblem(error)) return setUnplaced(['The hours could not be saved. Try again.']);
          if (error.status !== 400) return setUnplaced([error.detail]);
          const { placed, unplaced: rest } = placeRuleProblems(error, origins);
          setProblems(placed);
          setUnplaced(rest);
          const first = [...placed.keys()][0];
          if (first !== undefined && !placed.has(selected)) setSelected(first);
        },
      },
    );
  }

  const hasMonday = (period.days[0]?.length ?? 0) > 0;
  return (
    <Stack gap="md">
      {periods.length > 1 && (
        <Group justify="space-between" gap="sm" wrap="wrap">
          <SegmentedControl
            aria-label="Date range"
            value={String(selected)}
            onChange={(value) => setSelected(Number(value))}
            data={periods.map((candidate, index) => ({
              value: String(index),
              label: `${describePeriod(candidate)}${problems.has(index) ? ' ⚠' : ''}`,
            }))}
          />
          <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={14} />} onClick={removePeriod}>
            Remove this date range
          </Button>
        </Group>
      )}
      <Group align="flex-end" gap="md" wrap="wrap">
        <LocalDateInput
          label="In force from"
          required
          value={period.effectiveFrom}
          onChange={(effectiveFrom) => changePeriod((current) => ({ ...current, effectiveFrom: effectiveFrom ?? '' }))}
          error={periodProblems?.dates}
          w={210}
        />
        <LocalDateInput
          label="Until"
          placeholder="No end date"
          clearable
          value={period.effectiveTo}
          onChange={(effectiveTo) => changePeriod((current) => ({ ...current, effectiveTo }))}
          minDate={period.effectiveFrom || undefined}
          w={210}
        />
        <Button variant="default" size="sm" leftSection={<IconCalendarPlus size={16} />} onClick={addPeriod} style={{ flexShrink: 0 }}>
          New hours from a date
        </Button>
      </Group>

      <Stack gap={0}>
        <Group justify="space-between" py={6}>
          <Text size="sm" c="dimmed">
            Two intervals leave a break between them, e.g. 9:00 AM – 1:00 PM and 2:00 – 6:00 PM.
          </Text>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconCopy size={14} />}
            onClick={() => changePeriod(copyMondayToWeekdays)}
            disabled={!hasMonday}
          >
            Copy Monday to Tue–Fri
          </Button>
        </Group>
        {weekdayNames.map((dayName, weekday) => {
          const intervals = period.days[weekday] ?? [];
          const dayProblem = periodProblems?.days.get(weekday);
          const worked = minutesWorked(intervals);
          return (
            <Group
              key={dayName}
              role="group"
              aria-label={dayName}
              align="flex-start"
              wrap="wrap"
              gap="md"
              py="sm"
              style={{ borderTop: '1px solid var(--glowdesk-border)' }}
              bg={dayProblem ? 'red.0' : undefined}
              px={4}
            >
              <Stack gap={0} w={112} pt={6} style={{ flexShrink: 0 }}>
                <Text size="sm" fw={600}>
                  {dayName}
                </Text>
                <Text size="xs" c="dimmed">
                  {intervals.length === 0 ? 'Day off' : formatMinutes(worked)}
                </Text>
              </Stack>
              {/* Beside the day where there is room; under it on a phone. */}
              <Stack gap={6} style={{ flex: '1 1 260px', minWidth: 0 }}>
                {intervals.length === 0 ? (
                  <Text size="sm" c="dimmed" pt={6}>
                    Not working
                  </Text>
                ) : (
                  <Group gap="lg" style={{ rowGap: 8 }}>
                    {intervals.map((interval, index) => (
                      <IntervalInputs
                        key={index}
                        label={`${dayName}, hours ${index + 1}`}
                        interval={interval}
                        invalid={dayProblem !== undefined}
                        onChange={(changed) =>
                          changeDay(
                            weekday,
                            intervals.map((current, position) => (position === index ? changed : current)),
                          )
                        }
                        onRemove={() =>
                          changeDay(
                            weekday,
                            intervals.filter((_, position) => position !== index),
                          )
                        }
                      />
                    ))}
                  </Group>
                )}
                {dayProblem && (
                  <Text size="xs" c="red.8" role="alert">
                    {dayProblem}
                  </Text>
                )}
              </Stack>
              <Button
                variant="subtle"
                size="xs"
                mt={4}
                leftSection={<IconPlus size={14} />}
                aria-label={`Add hours on ${dayName}`}
                onClick={() => changeDay(weekday, [...intervals, nextInterval(intervals)])}
                style={{ flexShrink: 0 }}
              >
                {/* The same words as its accessible name (WCAG 2.5.3), whether or not the day has hours yet. */}
                Add hours
              </Button>
            </Group>
          );
        })}
      </Stack>

      {unplaced.length > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {unplaced.join(' ')}
        </Alert>
      )}
      <Group justify="space-between" gap="sm" pt="sm" style={{ borderTop: '1px solid var(--glowdesk-border)' }}>
        {dirty ? (
          <Badge color="orange" variant="light" tt="none" fw={600}>
            Unsaved changes
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            {saved.length === 0 ? 'No weekly hours saved yet.' : 'All changes saved.'}
          </Text>
        )}
        <Group gap="sm">
          <Button variant="default" onClick={discard} disabled={!dirty || replaceRules.isPending}>
            Discard changes
          </Button>
          <Button onClick={save} loading={replaceRules.isPending} disabled={!dirty}>
            Save working hours
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
