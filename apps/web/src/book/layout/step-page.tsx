import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import { useEffect, useRef, type ReactNode } from 'react';

interface StepPageProps {
  title: string;
  /** 1-based position among the steps this booking goes through. */
  position: number;
  count: number;
  onBack?: (() => void) | undefined;
  children: ReactNode;
}

/**
 * One step of the booking: where it stands ("Step 2 of 6"), its heading, and Back. The heading
 * takes the focus when the step opens, so a screen reader announces the new step.
 */
export function StepPage({ title, position, count, onBack, children }: StepPageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: false });
    window.scrollTo({ top: 0 });
  }, [title]);
  return (
    <Stack gap="md" className="book-panel">
      <Group justify="space-between" wrap="nowrap" gap="xs" mih={28}>
        {onBack ? (
          <Button variant="subtle" size="compact-sm" px={4} leftSection={<IconChevronLeft size={16} aria-hidden="true" />} onClick={onBack}>
            Back
          </Button>
        ) : (
          <span />
        )}
        <Text size="sm" c="dimmed">
          Step {position} of {count}
        </Text>
      </Group>
      <Title order={1} size="h2" ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
