import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import type { RegisterPatient, RegistrationOutcome } from '@glowdesk/contracts';
import { useCodeStepMutations } from '../api/portal-registration.ts';
import { useCurrentPractice } from '../layout/current-practice.ts';
import { contactNoun, contactRequest, describeContact, type SignInContact, type SignInHeadingOrder } from './sign-in-contact.ts';
import { useSecondsLeft } from './use-countdown.ts';

interface CodeStepProps {
  headingOrder: SignInHeadingOrder;
  contact: SignInContact;
  /** When Resend may be pressed (epoch milliseconds). */
  resendAt: number;
  expiresInSeconds: number;
  onResent: (resendAt: number, expiresInSeconds: number) => void;
  onSignedIn: () => void;
  onNeedsIdentity: () => void;
  onChangeContact: () => void;
  /** The code finishes this New Client Registration instead of signing in (Sign Up). */
  registration?: RegisterPatient | undefined;
  onRegistered?: ((outcome: RegistrationOutcome) => void) | undefined;
}

/** The 6-digit code, Resend once its cooldown has passed, and the way back to change the contact. */
export function CodeStep({
  headingOrder,
  contact,
  resendAt,
  expiresInSeconds,
  onResent,
  onSignedIn,
  onNeedsIdentity,
  onChangeContact,
  registration,
  onRegistered,
}: CodeStepProps) {
  const practice = useCurrentPractice();
  const { verify, resend } = useCodeStepMutations(practice.slug, registration);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [resent, setResent] = useState(false);
  const secondsLeft = useSecondsLeft(resendAt);

  const verifyProblem = isApiProblem(verify.error) ? verify.error : undefined;
  const resendProblem = isApiProblem(resend.error) ? resend.error : undefined;
  const shownCodeError =
    codeError ?? verifyProblem?.messageFor('code') ?? (verifyProblem?.status === 401 ? verifyProblem.detail : undefined);
  const formError = verifyProblem && !shownCodeError ? verifyProblem.detail : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setCodeError('Enter the 6 digits of the code.');
      return;
    }
    setCodeError(undefined);
    setResent(false);
    verify.mutate(
      { ...contactRequest(contact), code: digits },
      {
        onSuccess: (signedIn) => {
          if (signedIn.outcome) {
            onRegistered?.(signedIn.outcome);
            return;
          }
          if (signedIn.needsIdentity) onNeedsIdentity();
          else onSignedIn();
        },
      },
    );
  }

  function sendAgain() {
    verify.reset();
    setResent(false);
    resend.mutate(contactRequest(contact), {
      onSuccess: (sent) => {
        setCode('');
        setResent(true);
        onResent(Date.now() + sent.resendAfterSeconds * 1000, sent.expiresInSeconds);
      },
      onError: (error) => {
        if (isApiProblem(error, 429) && error.retryAfterSeconds !== undefined) {
          onResent(Date.now() + error.retryAfterSeconds * 1000, expiresInSeconds);
        }
      },
    });
  }

  const validMinutes = Math.round(expiresInSeconds / 60);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={headingOrder} size="h2">
            Enter your code
          </Title>
          {registration ? (
            <Text size="sm" mt={4}>
              A 6-digit code is on its way to{' '}
              <Text span fw={600}>
                {describeContact(contact)}
              </Text>
              . It works once, for {validMinutes} minutes.
            </Text>
          ) : (
            <Text size="sm" mt={4}>
              If{' '}
              <Text span fw={600}>
                {describeContact(contact)}
              </Text>{' '}
              is on file with {practice.name}, a 6-digit code is on its way. It works once, for {validMinutes} minutes.
            </Text>
          )}
        </div>
        {resent && (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} role="status">
            A new code was sent. Use the newest one.
          </Alert>
        )}
        <TextInput
          label="Code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          error={shownCodeError}
          size="md"
          required
          styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
        />
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <Button type="submit" size="md" fullWidth loading={verify.isPending}>
          {registration ? 'Finish signing up' : 'Sign in'}
        </Button>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Button variant="subtle" size="sm" px="xs" onClick={onChangeContact}>
            {registration ? 'Change my details' : `Use another ${contactNoun(contact.channel)}`}
          </Button>
          <Button variant="subtle" size="sm" px="xs" onClick={sendAgain} disabled={secondsLeft > 0} loading={resend.isPending}>
            Resend
          </Button>
        </Group>
        <Text size="sm" c="dimmed" ta="right">
          {secondsLeft > 0
            ? `You can ask for a new code in ${secondsLeft} s.`
            : contact.channel === 'email'
              ? 'No code? Check your spam or junk folder, then press Resend.'
              : 'No code? Check that your phone can receive texts, then press Resend.'}
        </Text>
        {resendProblem && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {resendProblem.detail}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
