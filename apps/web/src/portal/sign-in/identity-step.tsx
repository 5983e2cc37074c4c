import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { useIdentifyPatient } from '../api/portal-session.ts';
import { useCurrentPractice } from '../layout/current-practice.ts';
import { contactNoun, type SignInContact, type SignInHeadingOrder } from './sign-in-contact.ts';

/**
 * Several profiles share the phone or email the code proved: the patient says who they are by
 * date of birth and last name (and first name, when two share both). No names are listed.
 */
export function IdentityStep({
  headingOrder,
  contact,
  onSignedIn,
  onLocked,
}: {
  headingOrder: SignInHeadingOrder;
  contact: SignInContact;
  onSignedIn: () => void;
  onLocked: (notice: string) => void;
}) {
  const practice = useCurrentPractice();
  const identify = useIdentifyPatient(practice.slug);
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [lastName, setLastName] = useState('');
  const [firstName, setFirstName] = useState('');
  const [askFirstName, setAskFirstName] = useState(false);
  const [missing, setMissing] = useState<{ dateOfBirth?: string; lastName?: string; firstName?: string }>({});

  const problem = isApiProblem(identify.error) ? identify.error : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const needed = {
      ...(dateOfBirth ? {} : { dateOfBirth: 'Enter your date of birth.' }),
      ...(lastName.trim() ? {} : { lastName: 'Enter your last name.' }),
      ...(askFirstName && !firstName.trim() ? { firstName: 'Enter your first name.' } : {}),
    };
    setMissing(needed);
    if (Object.keys(needed).length > 0) return;
    identify.mutate(
      { dateOfBirth, lastName: lastName.trim(), ...(askFirstName ? { firstName: firstName.trim() } : {}) },
      {
        onSuccess: onSignedIn,
        onError: (error) => {
          if (isApiProblem(error, 401) && error.code === 'first_name_required') setAskFirstName(true);
          if (isApiProblem(error, 401) && (error.code === 'identity_locked' || error.code === 'unauthenticated')) onLocked(error.detail);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={headingOrder} size="h2">
            Tell us who you are
          </Title>
          <Text size="sm" mt={4}>
            More than one client of {practice.name} uses this {contactNoun(contact.channel)}. Enter your date of birth and last name to open
            your own profile.
          </Text>
        </div>
        <TextInput
          label="Date of birth"
          type="date"
          autoComplete="bday"
          value={dateOfBirth}
          onChange={(event) => setDateOfBirth(event.currentTarget.value)}
          error={missing.dateOfBirth ?? problem?.messageFor('dateOfBirth')}
          size="md"
          required
        />
        <TextInput
          label="Last name"
          autoComplete="family-name"
          value={lastName}
          onChange={(event) => setLastName(event.currentTarget.value)}
          error={missing.lastName ?? problem?.messageFor('lastName')}
          size="md"
          required
        />
        {askFirstName && (
          <TextInput
            label="First name"
            autoComplete="given-name"
            value={firstName}
            onChange={(event) => setFirstName(event.currentTarget.value)}
            error={missing.firstName ?? problem?.messageFor('firstName')}
            size="md"
            required
          />
        )}
        {problem && !problem.field && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {problem.detail}
          </Alert>
        )}
        <Button type="submit" size="md" fullWidth loading={identify.isPending}>
          Continue
        </Button>
      </Stack>
    </form>
  );
}
