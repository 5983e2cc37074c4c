import type { PortalMe } from '@glowdesk/contracts';
import { Anchor, Button, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { portalKeys } from '../../portal/api/portal-query-keys.ts';
import { useLogOut } from '../../portal/api/portal-session.ts';
import { SignInFlow } from '../../portal/sign-in/sign-in-flow.tsx';
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

/** The portal's sign-up page, for a new client (registration then opens the portal). */
function signUpPath(slug: string): string {
  return `/portal/${encodeURIComponent(slug)}/sign-up`;
}

/**
 * Who is booking: a returning client signs in with a code (the portal's own steps); a new
 * client registers. Someone already signed in continues as themselves, or logs out.
 */
export function AccountStep({ position, count, onBack, slug, me, onSignedIn, onSignedOut }: AccountStepProps) {
  const [who, setWho] = useState<'returning' | 'new'>('returning');
  const logOut = useLogOut(slug);
  const queryClient = useQueryClient();
  const [checking, setChecking] = useState(false);

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
        <Stack gap="sm">
          <Text>
            New clients register once on the clinic&apos;s patient portal: your name, date of birth and a phone or email, proved by a code.
            Then come back to this tab: your choices here are kept.
          </Text>
          <Anchor href={signUpPath(slug)} target="_blank" rel="noopener">
            Sign up on the patient portal <IconExternalLink size={14} aria-hidden="true" style={{ verticalAlign: 'middle' }} />
            <span className="book-visually-hidden"> (opens in a new tab)</span>
          </Anchor>
          <Button
            variant="default"
            loading={checking}
            onClick={() => {
              setChecking(true);
              void queryClient.resetQueries({ queryKey: portalKeys.me(slug) }).finally(() => setChecking(false));
            }}
          >
            I have signed up: continue
          </Button>
        </Stack>
      )}
    </StepPage>
  );
}
