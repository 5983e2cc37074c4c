import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { describeMoneyProblem, type MoneyAction } from '../money-problems.ts';

/** A failed payment, refund, void or checkout in words: what happened and what the user can do. */
export function MoneyProblemAlert({ error, action, children }: { error: unknown; action: MoneyAction; children?: ReactNode }) {
  if (!error) return null;
  const problem = describeMoneyProblem(error, action);
  return (
    <Alert
      color={problem.retryable ? 'yellow' : 'red'}
      variant="light"
      icon={<IconAlertCircle size={18} />}
      title={problem.title}
      role="alert"
    >
      {problem.message}
      {children}
    </Alert>
  );
}
