import { Stack, Text } from '@mantine/core';
import { Navigate, useNavigate } from 'react-router';
import { usePortalMe } from '../api/portal-session.ts';
import { CenteredCard } from '../layout/centered-card.tsx';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { portalHomePath } from '../portal-paths.ts';
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
      </Stack>
    </CenteredCard>
  );
}
