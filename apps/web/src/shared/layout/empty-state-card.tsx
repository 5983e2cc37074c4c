import { EmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

interface EmptyStateCardProps {
  icon: ReactNode;
  title: string;
  /** One or two sentences: what will appear here. */
  description: string;
  /** Extra content under the description, e.g. a checklist. */
  details?: ReactNode;
  /** What the user can do from here. */
  actions?: ReactNode;
}

/** A calm, bordered empty state for a page or table with nothing in it yet. */
export function EmptyStateCard({ icon, title, description, details, actions }: EmptyStateCardProps) {
  return (
    <Paper withBorder radius="lg" py={48} px="lg" bg="white">
      <EmptyState icon={icon} variant="light" maw={560} mx="auto">
        <EmptyState.Title order={2}>{title}</EmptyState.Title>
        <EmptyState.Description>{description}</EmptyState.Description>
        {details}
        {actions && <EmptyState.Actions>{actions}</EmptyState.Actions>}
      </EmptyState>
    </Paper>
  );
}
