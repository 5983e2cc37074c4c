import { requestSignInCodeSchema } from '@glowdesk/contracts';
import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconMail, IconPhone } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { useRequestSignInCode } from '../api/portal-session.ts';
import { useCurrentPractice } from '../layout/current-practice.ts';
import { CodeStep } from './code-step.tsx';
import { IdentityStep } from './identity-step.tsx';
import { toInternationalPhone } from './phone-number.ts';
import { contactRequest, type SignInContact, type SignInHeadingOrder } from './sign-in-contact.ts';

type Step =
  | { kind: 'contact'; notice?: string; previous?: SignInContact }
  | { kind: 'code'; contact: SignInContact; resendAt: number; expiresInSeconds: number }
  | { kind: 'identity'; contact: SignInContact };

/**
 * Sign-in by a one-time code: the phone (by SMS) first, or "Use email to log in"; then the
 * code, with Resend after its cooldown; then, when several profiles share the phone or email,
 * the patient's date of birth and last name. `onSignedIn` runs once the patient session is
 * open and `/portal/me` is refreshed. Works inside any page that provides the practice
 * (CurrentPracticeContext): the portal's sign-in page and the booking page.
 */
export function SignInFlow({ onSignedIn, headingOrder = 1 }: { onSignedIn: () => void; headingOrder?: SignInHeadingOrder }) {
  const [step, setStep] = useState<Step>({ kind: 'contact' });
  return (
    <>
      {step.kind === 'contact' && (
        <ContactStep
          headingOrder={headingOrder}
          notice={step.notice}
          previous={step.previous}
          onCodeSent={(contact, sent) =>
            setStep({
              kind: 'code',
              contact,
              resendAt: Date.now() + sent.resendAfterSeconds * 1000,
              expiresInSeconds: sent.expiresInSeconds,
            })
          }
        />
      )}
      {step.kind === 'code' && (
        <CodeStep
          headingOrder={headingOrder}
          contact={step.contact}
          resendAt={step.resendAt}
          expiresInSeconds={step.expiresInSeconds}
          onResent={(resendAt, expiresInSeconds) => setStep({ ...step, resendAt, expiresInSeconds })}
          onSignedIn={onSignedIn}
          onNeedsIdentity={() => setStep({ kind: 'identity', contact: step.contact })}
          onChangeContact={() => setStep({ kind: 'contact', previous: step.contact })}
        />
      )}
      {step.kind === 'identity' && (
        <IdentityStep
          headingOrder={headingOrder}
          contact={step.contact}
          onSignedIn={onSignedIn}
          onLocked={(notice) => setStep({ kind: 'contact', notice })}
        />
      )}
    </>
  );
}

function ContactStep({
  headingOrder,
  notice,
  previous,
  onCodeSent,
}: {
  headingOrder: SignInHeadingOrder;
  notice: string | undefined;
  /** The phone or email of a code already asked for, when the patient comes back to change it. */
  previous: SignInContact | undefined;
  onCodeSent: (contact: SignInContact, sent: { resendAfterSeconds: number; expiresInSeconds: number }) => void;
}) {
  const practice = useCurrentPractice();
  const requestCode = useRequestSignInCode(practice.slug);
  const [channel, setChannel] = useState<'sms' | 'email'>(previous?.channel ?? 'sms');
  const [phone, setPhone] = useState(previous?.channel === 'sms' ? previous.phone : '');
  const [email, setEmail] = useState(previous?.channel === 'email' ? previous.email : '');
  const [fieldError, setFieldError] = useState<string | undefined>();

  const problem = isApiProblem(requestCode.error) ? requestCode.error : undefined;
  const field = channel === 'sms' ? 'phone' : 'email';
  const serverFieldError = problem?.messageFor(field);
  const formError = problem && !serverFieldError ? problem.detail : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const contact: SignInContact = channel === 'sms' ? { channel, phone: toInternationalPhone(phone) } : { channel, email: email.trim() };
    const checked = requestSignInCodeSchema.safeParse(contactRequest(contact));
    if (!checked.success) {
      setFieldError(checked.error.issues[0]?.message ?? `Check the ${field}.`);
      return;
    }
    setFieldError(undefined);
    requestCode.mutate(contactRequest(contact), { onSuccess: (sent) => onCodeSent(contact, sent) });
  }

  function switchChannel() {
    setChannel(channel === 'sms' ? 'email' : 'sms');
    setFieldError(undefined);
    requestCode.reset();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={headingOrder} size="h2">
            Log in
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {channel === 'sms'
              ? 'Enter the mobile number your clinic has on file. We will text you a 6-digit code.'
              : 'Enter the email address your clinic has on file. We will email you a 6-digit code.'}
          </Text>
        </div>
        {notice && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {notice}
          </Alert>
        )}
        {channel === 'sms' ? (
          <TextInput
            key="phone"
            label="Mobile phone number"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="(212) 555-0123"
            value={phone}
            onChange={(event) => setPhone(event.currentTarget.value)}
            error={fieldError ?? serverFieldError}
            size="md"
            required
            data-autofocus
          />
        ) : (
          <TextInput
            key="email"
            label="Email"
            type="email"
            inputMode="email"
            autoComplete="email"
            placeholder="you@example.com"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldError ?? serverFieldError}
            size="md"
            required
          />
        )}
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <Button type="submit" size="md" fullWidth loading={requestCode.isPending}>
          Send code
        </Button>
        <Button
          variant="subtle"
          size="sm"
          onClick={switchChannel}
          leftSection={channel === 'sms' ? <IconMail size={16} aria-hidden="true" /> : <IconPhone size={16} aria-hidden="true" />}
        >
          {channel === 'sms' ? 'Use email to log in' : 'Use phone number to log in'}
        </Button>
      </Stack>
    </form>
  );
}
