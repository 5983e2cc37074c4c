import { Stack, Table, Text, Title } from '@mantine/core';
import { formatWallClock } from '../../clinic-dates.ts';
import { describePeriod, weekdayNames, type WeeklyPeriod } from './weekly-hours.ts';

/** Weekly hours for roles that may look but not change them. */
export function WeeklyHoursView({ periods }: { periods: readonly WeeklyPeriod[] }) {
  if (periods.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No weekly hours yet. An owner or admin sets them here.
      </Text>
    );
  }
  return (
    <Stack gap="lg">
      {periods.map((period) => (
        <Stack key={`${period.effectiveFrom}/${period.effectiveTo ?? ''}`} gap={4}>
          <Title order={3} size="sm">
            {describePeriod(period)}
          </Title>
          <Table withRowBorders verticalSpacing={6}>
            <Table.Tbody>
              {weekdayNames.map((dayName, weekday) => {
                const intervals = period.days[weekday] ?? [];
                return (
                  <Table.Tr key={dayName}>
                    <Table.Th w={140} fw={600}>
                      {dayName}
                    </Table.Th>
                    <Table.Td c={intervals.length === 0 ? 'dimmed' : undefined}>
                      {intervals.length === 0
                        ? 'Not working'
                        : intervals.map((interval) => `${formatWallClock(interval.start)} – ${formatWallClock(interval.end)}`).join(', ')}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
    </Stack>
  );
}
