import type { PortalMe } from '@glowdesk/contracts';
import { Alert, Button, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { useLogOut } from '../../portal/api/portal-session.ts';
import { SignInFlow } from '../../portal/sign-in/sign-in-flow.tsx';
import { SignUpFlow } from '../../portal/sign-up/sign-up-flow.tsx';
import { StepPage } from '../layout/step-page.tsx';

interface AccountStepProps {
  position: number;
  count: number;
  onBack?: (() => void) | undefined;
  slug: string;
  me: PortalMe | undefined;
  onSignedIn: () => void;
  onSignedOut: () => void;
}

/**
 * Who is booking: a returning client signs in with a code (the portal's own steps); a new
 * client registers with the portal's Sign Up form, proved by a code (a registration the clinic
 * must link first says so). Someone already signed in continues as themselves, or logs out.
 */
export function AccountStep({ position, count, onBack, slug, me, onSignedIn, onSignedOut }: AccountStepProps) {
  const [who, setWho] = useState<'returning' | 'new'>('returning');
  const logOut = useLogOut(slug);
  const [queued, setQueued] = useState(false);

  if (me) {
    return (
      <StepPage title="Your details" position={position} count={count} onBack={onBack}>
        <Text>
          You are signed in as{' '}
          <Text span fw={600}>
            {me.patient.firstName} {me.patient.lastName}
          </Text>
          .
        </Text>
        <Button size="md" fullWidth onClick={onSignedIn}>
          Continue
        </Button>
        <Button variant="subtle" loading={logOut.isPending} onClick={() => logOut.mutate(undefined, { onSettled: onSignedOut })}>
          Not you? Log out
        </Button>
      </StepPage>
    );
  }

  if (queued) {
    return (
      <StepPage title="Your details" position={position} count={count} onBack={onBack}>
        <Alert color="blue" title="The clinic will link your registration">
          This phone or email is already on file with the clinic under details that differ from yours, so we could not open an account for
          you here. The clinic&apos;s team will link your registration; then log in with a code to book. If you have been here before, you
          can log in now.
        </Alert>
        <Button
          size="md"
          variant="default"
          onClick={() => {
            setQueued(false);
            setWho('returning');
          }}
        >
          Log in with a code
        </Button>
      </StepPage>
    );
  }

  return (
    <StepPage title="Your details" position={position} count={count} onBack={onBack}>
      <Text size="sm">Log in with a code to book, or sign up if this is your first visit.</Text>
      <SegmentedControl
        fullWidth
        value={who}
        onChange={(value) => setWho(value === 'new' ? 'new' : 'returning')}
        data={[
          { value: 'returning', label: 'I have been here before' },
          { value: 'new', label: 'I am new here' },
        ]}
        aria-label="Have you visited before?"
      />
      {who === 'returning' ? (
        <SignInFlow headingOrder={2} onSignedIn={onSignedIn} />
      ) : (
        <SignUpFlow slug={slug} headingOrder={2} onSignedIn={() => onSignedIn()} onQueued={() => setQueued(true)} />
      )}
    </StepPage>
  );
}
