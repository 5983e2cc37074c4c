import { Group, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled, bordered block of the invoice page. */
export function SectionCard({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="md" bg="white" component="section" aria-label={title}>
      <Group justify="space-between" align="baseline" mb="sm" gap="xs">
        <Title order={2} fz={16}>
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}
