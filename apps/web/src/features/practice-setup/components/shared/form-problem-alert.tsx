import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** A save problem that no single field explains, at the top of a form. */
export function FormProblemAlert({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
      {message}
    </Alert>
  );
}
