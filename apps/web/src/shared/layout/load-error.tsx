import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { isApiProblem } from '../api/api-problem.ts';

interface LoadErrorProps {
  /** What could not be loaded, e.g. "the staff list". */
  what: string;
  error: unknown;
  onRetry: () => void;
}

/** A failed load with the server's explanation, its request id for support, and a retry. */
export function LoadError({ what, error, onRetry }: LoadErrorProps) {
  const detail = isApiProblem(error) ? error.detail : 'Something went wrong while loading.';
  const requestId = isApiProblem(error) ? error.requestId : undefined;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={`Could not load ${what}`} role="alert">
      <Text size="sm">{detail}</Text>
      {requestId && (
        <Text size="xs" c="dimmed" mt={4}>
          Request ID: {requestId}
        </Text>
      )}
      <Group mt="sm">
        <Button size="xs" variant="white" color="red" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
          Try again
        </Button>
      </Group>
    </Alert>
  );
}
