import type { WorkingInterval } from '@glowdesk/contracts';
import { Badge, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { LoadError } from '../../../../shared/layout/load-error.tsx';
import { useProviderSchedule } from '../../api/get-provider-schedule.ts';
import { addDaysToLocalDate, formatLocalDate, formatWallClock } from '../../clinic-dates.ts';
import { formatMinutes } from '../../format-minutes.ts';

const PREVIEW_DAYS = 7;

interface SchedulePreviewProps {
  providerId: string;
  clinicId: string;
  /** The clinic's today, 'YYYY-MM-DD'. */
  today: string;
}

/** '2026-03-08T09:00-04:00' → { date: '2026-03-08', time: '09:00' } */
function splitLocal(localDateTime: string): { date: string; time: string } {
  return { date: localDateTime.slice(0, 10), time: localDateTime.slice(11, 16) };
}

function describeInterval(interval: WorkingInterval): string {
  const start = splitLocal(interval.localStart);
  const end = splitLocal(interval.localEnd);
  const endText = end.date !== start.date && end.time === '00:00' ? 'midnight' : formatWallClock(end.time);
  const nextDay = end.date !== start.date && end.time !== '00:00' ? ' (next day)' : '';
  return `${formatWallClock(start.time)} – ${endText}${nextDay}`;
}

function minutesOf(interval: WorkingInterval): number {
  return Math.round((Date.parse(interval.end) - Date.parse(interval.start)) / 60_000);
}

/**
 * The provider's working intervals for the next seven days at the clinic, as the server
 * expands them (weekly hours, overrides, DST), shown in the clinic's wall clock.
 */
export function SchedulePreview({ providerId, clinicId, today }: SchedulePreviewProps) {
  // Whole UTC days around the local week: every zone's offset is within ±14 h, so this covers
  // the seven local dates; a stable range keeps the query cached.
  const range = useMemo(
    () => ({
      providerId,
      clinicId,
      from: `${addDaysToLocalDate(today, -1)}T00:00:00Z`,
      to: `${addDaysToLocalDate(today, PREVIEW_DAYS + 1)}T00:00:00Z`,
    }),
    [providerId, clinicId, today],
  );
  const schedule = useProviderSchedule(range);
  const dates = Array.from({ length: PREVIEW_DAYS }, (_, offset) => addDaysToLocalDate(today, offset));

  if (schedule.isError) return <LoadError what="the preview" error={schedule.error} onRetry={() => void schedule.refetch()} />;
  if (!schedule.data) {
    return (
      <Stack gap={6} role="status" aria-label="Loading the preview">
        {dates.map((date) => (
          <Skeleton key={date} height={28} radius="sm" />
        ))}
      </Stack>
    );
  }

  const byDate = new Map<string, WorkingInterval[]>();
  for (const interval of schedule.data) {
    if (interval.clinicId !== clinicId) continue;
    byDate.set(interval.localDate, [...(byDate.get(interval.localDate) ?? []), interval]);
  }

  return (
    <Table verticalSpacing={8} aria-label="Working hours, next 7 days">
      <Table.Tbody>
        {dates.map((date) => {
          const intervals = byDate.get(date) ?? [];
          const override = intervals.some((interval) => interval.source === 'override');
          const worked = intervals.reduce((total, interval) => total + minutesOf(interval), 0);
          return (
            <Table.Tr key={date}>
              <Table.Th w={136} fw={600} style={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                <Text size="sm" fw={600}>
                  {formatLocalDate(date, 'short')}
                </Text>
                {date === today && (
                  <Badge size="xs" variant="light" tt="none">
                    Today
                  </Badge>
                )}
              </Table.Th>
              <Table.Td>
                {intervals.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Not working
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {intervals.map((interval) => (
                      <Text size="sm" key={interval.start}>
                        {describeInterval(interval)}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td w={110} ta="right" style={{ verticalAlign: 'top' }}>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {override && (
                    <Badge size="xs" color="blush" variant="light" tt="none">
                      Override
                    </Badge>
                  )}
                  {worked > 0 && (
                    <Text size="xs" c="dimmed">
                      {formatMinutes(worked)}
                    </Text>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
