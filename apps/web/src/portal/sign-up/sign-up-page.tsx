import { Anchor, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { usePortalMe } from '../api/portal-session.ts';
import { CenteredCard } from '../layout/centered-card.tsx';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { portalHomePath, signInPath } from '../portal-paths.ts';
import { RegistrationQueued } from './registration-queued.tsx';
import { SignUpFlow } from './sign-up-flow.tsx';

/** The portal's Sign Up page: New Client Registration, then the code; the dashboard once signed in. */
export function SignUpPage() {
  const practice = useCurrentPractice();
  usePageTitle('Sign up');
  const me = usePortalMe(practice.slug);
  const navigate = useNavigate();
  const [queued, setQueued] = useState(false);

  if (me.isSuccess && !queued) return <Navigate to={portalHomePath(practice.slug)} replace />;

  return (
    <CenteredCard>
      <Stack gap="lg">
        <div>
          <Text fw={700} size="lg" c="lagoon.8">
            {practice.name}
          </Text>
          <Text size="sm" c="dimmed">
            Patient portal
          </Text>
        </div>
        {queued ? (
          <RegistrationQueued practiceName={practice.name} />
        ) : (
          <SignUpFlow
            slug={practice.slug}
            onSignedIn={() => void navigate(portalHomePath(practice.slug), { replace: true })}
            onQueued={() => setQueued(true)}
          />
        )}
        <Text size="sm" ta="center">
          {queued ? 'Back to ' : 'Already a client? '}
          <Anchor component={Link} to={signInPath(practice.slug)} underline="always">
            Log in
          </Anchor>
        </Text>
      </Stack>
    </CenteredCard>
  );
}
