import { Anchor, Stack, Text } from '@mantine/core';
import { Link, Navigate, useNavigate } from 'react-router';
import { usePortalMe } from '../api/portal-session.ts';
import { CenteredCard } from '../layout/centered-card.tsx';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { portalHomePath, signUpPath } from '../portal-paths.ts';
import { SignInFlow } from './sign-in-flow.tsx';

/** The portal's sign-in page: the clinic's name over the one-time-code sign-in (SignInFlow). */
export function SignInPage() {
  const practice = useCurrentPractice();
  usePageTitle('Sign in');
  const me = usePortalMe(practice.slug);
  const navigate = useNavigate();

  if (me.isSuccess) return <Navigate to={portalHomePath(practice.slug)} replace />;

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
        <SignInFlow onSignedIn={() => void navigate(portalHomePath(practice.slug), { replace: true })} />
        <Text size="sm" ta="center">
          New client?{' '}
          <Anchor component={Link} to={signUpPath(practice.slug)} fw={600} underline="always">
            Sign Up
          </Anchor>
        </Text>
      </Stack>
    </CenteredCard>
  );
}
