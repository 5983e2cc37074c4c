import { genderLabels, genderSchema, registerPatientSchema, type RegisterPatient, type RegistrationOutcome } from '@glowdesk/contracts';
import { Alert, Button, Checkbox, Fieldset, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { useRegisterPatient } from '../api/portal-registration.ts';
import { CodeStep } from '../sign-in/code-step.tsx';
import type { SignInContact } from '../sign-in/sign-in-contact.ts';
import { emptyForm, referralSources, registrationOf, type FormValues } from './registration-form.ts';

export interface SignUpFlowProps {
  slug: string;
  /** The code created or claimed a profile: the patient session is open and `/portal/me` refreshed. */
  onSignedIn: (outcome: Exclude<RegistrationOutcome, 'queued'>) => void;
  /** The contact belongs to a profile that did not match: the clinic's staff will link the registration. */
  onQueued: () => void;
  /** The level of the step headings: 1 on a page of its own, 2 inside another page's step. */
  headingOrder?: 1 | 2;
}

type Step =
  { kind: 'form' } | { kind: 'code'; registration: RegisterPatient; contact: SignInContact; resendAt: number; expiresInSeconds: number };

/**
 * Sign Up (New Client Registration): personal information, phone and/or email, profile
 * details; then the 6-digit code sent to the phone or email chosen. Works wherever the
 * practice is provided (CurrentPracticeContext): the portal's Sign Up page and the booking page.
 */
export function SignUpFlow({ slug, onSignedIn, onQueued, headingOrder = 1 }: SignUpFlowProps) {
  const [values, setValues] = useState<FormValues>(emptyForm);
  const [step, setStep] = useState<Step>({ kind: 'form' });

  if (step.kind === 'code') {
    return (
      <CodeStep
        headingOrder={headingOrder}
        contact={step.contact}
        resendAt={step.resendAt}
        expiresInSeconds={step.expiresInSeconds}
        registration={step.registration}
        onResent={(resendAt, expiresInSeconds) => setStep({ ...step, resendAt, expiresInSeconds })}
        onSignedIn={() => undefined}
        onNeedsIdentity={() => undefined}
        onChangeContact={() => setStep({ kind: 'form' })}
        onRegistered={(outcome) => (outcome === 'queued' ? onQueued() : onSignedIn(outcome))}
      />
    );
  }
  return (
    <RegistrationForm
      slug={slug}
      values={values}
      onChange={setValues}
      headingOrder={headingOrder}
      onCodeSent={(registration, sent) =>
        setStep({
          kind: 'code',
          registration,
          contact:
            registration.channel === 'sms'
              ? { channel: 'sms', phone: registration.phone ?? '' }
              : { channel: 'email', email: (registration.email ?? '').toLowerCase() },
          resendAt: Date.now() + sent.resendAfterSeconds * 1000,
          expiresInSeconds: sent.expiresInSeconds,
        })
      }
    />
  );
}

function SectionLegend({ children }: { children: string }) {
  return (
    <Text component="span" fw={700} size="md" c="lagoon.8">
      {children}
    </Text>
  );
}

function RegistrationForm({
  slug,
  values,
  onChange,
  headingOrder,
  onCodeSent,
}: {
  slug: string;
  values: FormValues;
  onChange: (values: FormValues) => void;
  headingOrder: 1 | 2;
  onCodeSent: (registration: RegisterPatient, sent: { resendAfterSeconds: number; expiresInSeconds: number }) => void;
}) {
  const register = useRegisterPatient(slug);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const problem = isApiProblem(register.error) ? register.error : undefined;

  const set =
    <K extends keyof FormValues>(key: K) =>
    (value: FormValues[K]) =>
      onChange({ ...values, [key]: value });
  const text = (key: keyof FormValues) => (event: { currentTarget: { value: string } }) => set(key)(event.currentTarget.value);

  const fieldNames: Record<string, string> = {
    line1: 'address.line1',
    line2: 'address.line2',
    city: 'address.city',
    region: 'address.region',
    postalCode: 'address.postalCode',
    country: 'address.country',
  };
  const errorOf = (key: keyof FormValues): string | undefined => {
    const name = fieldNames[key] ?? key;
    return errors[name] ?? problem?.messageFor(name);
  };
  const shownFields = new Set([...Object.keys(emptyForm).map((key) => fieldNames[key] ?? key), 'address']);
  const formError =
    problem && !(problem.errors.some((error) => shownFields.has(error.field)) || (problem.field && shownFields.has(problem.field)))
      ? problem.detail
      : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const registration = registrationOf(values);
    const checked = registerPatientSchema.safeParse(registration);
    if (!checked.success) {
      const found: Record<string, string> = {};
      for (const issue of checked.error.issues) {
        const name = issue.path.join('.');
        found[name] ??= issue.message;
      }
      if (!values.dateOfBirth) found.dateOfBirth = 'Enter your date of birth.';
      setErrors(found);
      const first = Object.keys(found)[0];
      if (first) document.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    setErrors({});
    register.mutate(registration, { onSuccess: (sent) => onCodeSent(registration, sent) });
  }

  const hasPhone = values.phone.trim() !== '';
  const hasEmail = values.email.trim() !== '';
  return (
    <form onSubmit={submit} noValidate aria-describedby="sign-up-intro">
      <Stack gap="lg">
        <div>
          <Title order={headingOrder} size="h2">
            New Client Registration
          </Title>
          <Text id="sign-up-intro" size="sm" c="dimmed" mt={4}>
            Tell us about yourself. We will send a 6-digit code to confirm your phone or email, then your account is ready.
          </Text>
        </div>

        <Fieldset legend={<SectionLegend>Personal information</SectionLegend>} variant="unstyled">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput
                label="First name"
                autoComplete="given-name"
                value={values.firstName}
                onChange={text('firstName')}
                error={errorOf('firstName')}
                data-field="firstName"
                size="md"
                required
              />
              <TextInput
                label="Last name"
                autoComplete="family-name"
                value={values.lastName}
                onChange={text('lastName')}
                error={errorOf('lastName')}
                data-field="lastName"
                size="md"
                required
              />
            </SimpleGrid>
            <TextInput
              label="Date of birth"
              type="date"
              autoComplete="bday"
              value={values.dateOfBirth}
              onChange={text('dateOfBirth')}
              error={errorOf('dateOfBirth')}
              data-field="dateOfBirth"
              size="md"
              required
            />
          </Stack>
        </Fieldset>

        <Fieldset legend={<SectionLegend>Phone and email</SectionLegend>} variant="unstyled">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              Give your mobile number, your email, or both.
            </Text>
            <TextInput
              label="Mobile phone number"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              placeholder="(212) 555-0123"
              value={values.phone}
              onChange={(event) => {
                const phone = event.currentTarget.value;
                onChange({ ...values, phone, channel: !phone.trim() && values.email.trim() ? 'email' : values.channel });
              }}
              error={errorOf('phone')}
              data-field="phone"
              size="md"
            />
            <TextInput
              label="Email"
              type="email"
              inputMode="email"
              autoComplete="email"
              placeholder="you@example.com"
              value={values.email}
              onChange={(event) => {
                const email = event.currentTarget.value;
                onChange({ ...values, email, channel: !values.phone.trim() && email.trim() ? 'email' : values.channel });
              }}
              error={errorOf('email')}
              data-field="email"
              size="md"
            />
            <Radio.Group label="Send my code by" value={values.channel} onChange={(channel) => set('channel')(channel)}>
              <Group gap="lg" mt={6}>
                <Radio value="sms" label="Text message" disabled={!hasPhone && hasEmail} />
                <Radio value="email" label="Email" disabled={!hasEmail && hasPhone} />
              </Group>
            </Radio.Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={<SectionLegend>Profile details</SectionLegend>} variant="unstyled">
          <Stack gap="sm">
            <NativeSelect
              label="Gender"
              value={values.gender}
              onChange={text('gender')}
              error={errorOf('gender')}
              data-field="gender"
              size="md"
              data={[
                { value: '', label: 'Choose (optional)' },
                ...genderSchema.options.map((gender) => ({ value: gender, label: genderLabels[gender] })),
              ]}
            />
            <TextInput
              label="Street address"
              autoComplete="address-line1"
              value={values.line1}
              onChange={text('line1')}
              error={errorOf('line1') ?? errors.address ?? problem?.messageFor('address')}
              data-field="address.line1"
              size="md"
            />
            <TextInput
              label="Apartment, suite (optional)"
              autoComplete="address-line2"
              value={values.line2}
              onChange={text('line2')}
              error={errorOf('line2')}
              data-field="address.line2"
              size="md"
            />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput
                label="City"
                autoComplete="address-level2"
                value={values.city}
                onChange={text('city')}
                error={errorOf('city')}
                data-field="address.city"
                size="md"
              />
              <TextInput
                label="State or region"
                autoComplete="address-level1"
                value={values.region}
                onChange={text('region')}
                error={errorOf('region')}
                data-field="address.region"
                size="md"
              />
              <TextInput
                label="ZIP or postal code"
                autoComplete="postal-code"
                value={values.postalCode}
                onChange={text('postalCode')}
                error={errorOf('postalCode')}
                data-field="address.postalCode"
                size="md"
              />
              <TextInput
                label="Country code"
                description="Two letters, e.g. US"
                autoComplete="country"
                maxLength={2}
                value={values.country}
                onChange={text('country')}
                error={errorOf('country')}
                data-field="address.country"
                size="md"
              />
            </SimpleGrid>
            <NativeSelect
              label="How did you hear about us?"
              value={values.referralSource}
              onChange={text('referralSource')}
              error={errorOf('referralSource')}
              data-field="referralSource"
              size="md"
              data={[{ value: '', label: 'Choose (optional)' }, ...referralSources]}
            />
            <Checkbox
              label="Send me news and offers"
              checked={values.marketingOptIn}
              onChange={(event) => set('marketingOptIn')(event.currentTarget.checked)}
            />
          </Stack>
        </Fieldset>

        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <Button type="submit" size="md" fullWidth loading={register.isPending}>
          Sign up
        </Button>
      </Stack>
    </form>
  );
}
