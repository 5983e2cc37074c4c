import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import type { ProcedureView } from '../emr-paths.ts';

export interface ProcedureViewTarget {
  /** What the dialog says before its question, e.g. "Ana Diaz is in procedure." */
  lead?: string;
  pathFor: (view: ProcedureView) => string;
}

/** "How do you want to create the procedure?": Multi Page View or Single Page View. */
export function ProcedureViewChoice({
  target,
  title,
  onClose,
}: {
  target: ProcedureViewTarget | null;
  title: string;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  function open(view: ProcedureView) {
    if (!target) return;
    const path = target.pathFor(view);
    onClose();
    void navigate(path);
  }
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} centered>
      <Stack>
        <Text size="sm">{target?.lead ? `${target.lead} ` : ''}How do you want to create the procedure?</Text>
        <Group grow>
          <Button onClick={() => open('multi')}>Multi Page View</Button>
          <Button variant="light" onClick={() => open('single')}>
            Single Page View
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
