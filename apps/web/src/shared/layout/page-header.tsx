import { Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  /** Buttons on the right; on narrow screens they wrap below the title. */
  actions?: ReactNode;
  /** `section`: a smaller title for a section page inside Settings (still the page's h1). */
  size?: 'page' | 'section';
}

/** The page's heading, which also names the browser tab. */
export function PageHeader({ title, description, actions, size = 'page' }: PageHeaderProps) {
  useDocumentTitle(`${title} · Glowdesk`);
  return (
    <Group justify="space-between" align="flex-start" gap="md" mb="lg" wrap="wrap">
      <Stack gap={4} maw={720}>
        <Title order={1} fz={size === 'page' ? 26 : 22}>
          {title}
        </Title>
        {description && (
          <Text c="dimmed" size="sm">
            {description}
          </Text>
        )}
      </Stack>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
