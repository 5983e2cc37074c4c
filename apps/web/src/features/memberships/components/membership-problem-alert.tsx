import { Alert, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';

function titleOf(error: unknown, action: string): string {
  if (!isApiProblem(error)) return `Could not ${action}`;
  switch (error.status) {
    case 0:
      return 'No connection to Glowdesk';
    case 402:
      return 'Card declined';
    case 403:
      return `Your role cannot ${action}`;
    case 409:
      return `Could not ${action}`;
    case 503:
      return 'The payment is still not confirmed';
    default:
      return `Could not ${action}`;
  }
}

/** A refused membership action in words: the server's problem detail, and its request id for support. */
export function MembershipProblemAlert({ error, action }: { error: unknown; action: string }) {
  if (!error) return null;
  const detail = isApiProblem(error) ? error.detail : 'Something went wrong. Try again.';
  const requestId = isApiProblem(error) ? error.requestId : undefined;
  return (
    <Alert
      color={isApiProblem(error, 503) || isApiProblem(error, 0) ? 'yellow' : 'red'}
      variant="light"
      icon={<IconAlertCircle size={18} />}
      title={titleOf(error, action)}
      role="alert"
    >
      <Text size="sm">{detail}</Text>
      {requestId && (
        <Text size="xs" c="dimmed" mt={4}>
          Request ID: {requestId}
        </Text>
      )}
    </Alert>
  );
}
