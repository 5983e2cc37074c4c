import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

interface ScheduleCardProps {
  title: string;
  /** Beside the title: the zone, a count. */
  aside?: ReactNode;
  children: ReactNode;
}

export function ScheduleCard({ title, aside, children }: ScheduleCardProps) {
  return (
    <Paper withBorder radius="lg" bg="white" p="lg" component="section" aria-label={title}>
      <Stack gap="md">
        <Group justify="space-between" gap="sm" align="baseline">
          <Title order={2} size="h4">
            {title}
          </Title>
          {aside && (
            <Text size="xs" c="dimmed">
              {aside}
            </Text>
          )}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
