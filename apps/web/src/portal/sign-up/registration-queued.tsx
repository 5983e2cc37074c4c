import { Alert, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';

/**
 * After the code, when the phone or email belongs to a profile whose date of birth and last
 * name did not match: nothing was opened, and the clinic's front desk will link the
 * registration. Names nobody.
 */
export function RegistrationQueued({ practiceName, headingOrder = 1 }: { practiceName: string; headingOrder?: 1 | 2 }) {
  return (
    <Stack gap="md">
      <Title order={headingOrder} size="h2">
        Thanks, we have your registration
      </Title>
      <Alert color="lagoon" variant="light" icon={<IconInfoCircle size={18} />} role="status">
        Your phone or email is already on file with {practiceName}, so we could not set up a new account right away.
      </Alert>
      <Text size="sm">
        The front desk will check your details and link your registration to your record. Once they have, log in with the same phone or
        email and a new code.
      </Text>
      <Text size="sm">
        Need it sooner, or think something is wrong? Call or email {practiceName} and say you registered online; have your date of birth
        ready. Please do not register again.
      </Text>
    </Stack>
  );
}
