import type { SignInChannel } from '@glowdesk/contracts';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useId, useState, type SubmitEvent } from 'react';
import { formatPhone } from '../../features/patients/format-phone.ts';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { useRequestContactCode, useVerifyContactCode } from '../api/portal-profile.ts';
import { useCurrentPractice } from '../layout/current-practice.ts';
import { toInternationalPhone } from '../sign-in/phone-number.ts';
import { contactRequest, type SignInContact } from '../sign-in/sign-in-contact.ts';
import { useSecondsLeft } from '../sign-in/use-countdown.ts';

type Step =
  | { kind: 'view'; changed?: boolean }
  | { kind: 'new' }
  | { kind: 'code'; contact: SignInContact; resendAt: number; expiresInSeconds: number };

const nouns = { sms: 'phone number', email: 'email' } as const;

function shown(channel: SignInChannel, value: string): string {
  return channel === 'sms' ? formatPhone(value) : value;
}

/**
 * A phone number or email with Change: the new one gets a 6-digit code, and the profile
 * changes only once the code is entered here.
 */
export function ContactDetail({ channel, current }: { channel: SignInChannel; current: string | null }) {
  const [step, setStep] = useState<Step>({ kind: 'view' });
  const label = channel === 'sms' ? 'Mobile phone' : 'Email';
  const noun = nouns[channel];

  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" c="dimmed" fw={500}>
            {label}
          </Text>
          <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
            {current ? shown(channel, current) : 'Not on file'}
          </Text>
        </div>
        {step.kind === 'view' && (
          <Button
            variant="default"
            size="sm"
            style={{ flexShrink: 0 }}
            onClick={() => setStep({ kind: 'new' })}
            aria-label={`${current ? 'Change' : 'Add'} ${noun}`}
          >
            {current ? 'Change' : 'Add'}
          </Button>
        )}
      </Group>
      {step.kind === 'view' && step.changed && (
        <Group gap={4} c="teal.8" role="status">
          <IconCircleCheck size={18} aria-hidden="true" />
          <Text size="sm" c="teal.8">
            {channel === 'sms' ? 'Phone number' : 'Email'} updated.
          </Text>
        </Group>
      )}
      {step.kind === 'new' && (
        <NewContactForm
          channel={channel}
          onCancel={() => setStep({ kind: 'view' })}
          onSent={(contact, resendAfterSeconds, expiresInSeconds) =>
            setStep({ kind: 'code', contact, resendAt: Date.now() + resendAfterSeconds * 1000, expiresInSeconds })
          }
        />
      )}
      {step.kind === 'code' && (
        <ContactCodeForm
          contact={step.contact}
          resendAt={step.resendAt}
          expiresInSeconds={step.expiresInSeconds}
          onResent={(resendAt) => setStep({ ...step, resendAt })}
          onCancel={() => setStep({ kind: 'view' })}
          onChanged={() => setStep({ kind: 'view', changed: true })}
        />
      )}
    </Stack>
  );
}

function NewContactForm({
  channel,
  onCancel,
  onSent,
}: {
  channel: SignInChannel;
  onCancel: () => void;
  onSent: (contact: SignInContact, resendAfterSeconds: number, expiresInSeconds: number) => void;
}) {
  const request = useRequestContactCode();
  const [typed, setTyped] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const field = channel === 'sms' ? 'phone' : 'email';
  const problem = isApiProblem(request.error) ? request.error : undefined;
  const fieldError = localError ?? problem?.messageFor(field) ?? (problem?.code === 'contact_unchanged' ? problem.detail : undefined);
  const formError = problem && !fieldError ? problem.detail : request.isError && !problem ? 'The code was not sent. Try again.' : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = typed.trim();
    if (value === '') {
      setLocalError(channel === 'sms' ? 'Enter the new mobile phone number.' : 'Enter the new email address.');
      return;
    }
    setLocalError(undefined);
    const contact: SignInContact = channel === 'sms' ? { channel, phone: toInternationalPhone(value) } : { channel, email: value };
    request.mutate(contactRequest(contact), {
      onSuccess: (sent) => onSent(contact, sent.resendAfterSeconds, sent.expiresInSeconds),
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={`New ${nouns[channel]}`}>
      <Stack gap="sm">
        <TextInput
          label={channel === 'sms' ? 'New mobile phone number' : 'New email address'}
          type={channel === 'sms' ? 'tel' : 'email'}
          inputMode={channel === 'sms' ? 'tel' : 'email'}
          autoComplete={channel === 'sms' ? 'tel' : 'email'}
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          error={fieldError}
        />
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={request.isPending}>
            Send code
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ContactCodeForm({
  contact,
  resendAt,
  expiresInSeconds,
  onResent,
  onCancel,
  onChanged,
}: {
  contact: SignInContact;
  resendAt: number;
  expiresInSeconds: number;
  onResent: (resendAt: number) => void;
  onCancel: () => void;
  onChanged: () => void;
}) {
  const practice = useCurrentPractice();
  const verify = useVerifyContactCode(practice.slug);
  const resend = useRequestContactCode();
  const [code, setCode] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const [resent, setResent] = useState(false);
  const secondsLeft = useSecondsLeft(resendAt);
  const hintId = useId();
  const problem = isApiProblem(verify.error) ? verify.error : undefined;
  const codeError = localError ?? problem?.messageFor('code');
  const formError =
    problem && !codeError ? problem.detail : verify.isError && !problem ? 'The code was not checked. Try again.' : undefined;
  const resendProblem = isApiProblem(resend.error) ? resend.error : undefined;
  const address = contact.channel === 'sms' ? formatPhone(contact.phone) : contact.email;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setLocalError('Enter the 6 digits of the code.');
      return;
    }
    setLocalError(undefined);
    setResent(false);
    verify.mutate({ ...contactRequest(contact), code: digits }, { onSuccess: onChanged });
  }

  function sendAgain() {
    verify.reset();
    setResent(false);
    resend.mutate(contactRequest(contact), {
      onSuccess: (sent) => {
        setCode('');
        setResent(true);
        onResent(Date.now() + sent.resendAfterSeconds * 1000);
      },
      onError: (error) => {
        if (isApiProblem(error, 429) && error.retryAfterSeconds !== undefined) onResent(Date.now() + error.retryAfterSeconds * 1000);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Code for the new contact">
      <Stack gap="sm">
        <Text size="sm" id={hintId}>
          We sent a 6-digit code to{' '}
          <Text span fw={600}>
            {address}
          </Text>
          . It works once, for {Math.round(expiresInSeconds / 60)} minutes.
        </Text>
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
          error={codeError}
          aria-describedby={hintId}
          styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
        />
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <Group gap="sm">
          <Button type="submit" loading={verify.isPending}>
            Confirm
          </Button>
          <Button variant="subtle" onClick={sendAgain} disabled={secondsLeft > 0} loading={resend.isPending}>
            Resend
          </Button>
          <Button variant="subtle" color="gray" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
        {secondsLeft > 0 && (
          <Text size="sm" c="dimmed">
            You can ask for a new code in {secondsLeft} s.
          </Text>
        )}
        {resendProblem && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {resendProblem.detail}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
