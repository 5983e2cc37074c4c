import { EmptyState, Paper } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** Shown where the signed-in role may not go; says who can help instead of failing. */
export function RestrictedNotice({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="lg" py={48} px="lg" bg="white">
      <EmptyState icon={<IconLock size={26} stroke={1.6} />} variant="light" color="gray" maw={520} mx="auto">
        <EmptyState.Title order={2}>{title}</EmptyState.Title>
        <EmptyState.Description>{children}</EmptyState.Description>
      </EmptyState>
    </Paper>
  );
}
