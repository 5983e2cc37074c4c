import { Alert, Box, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCheck, IconClockHour4, IconInfoCircle } from '@tabler/icons-react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { BrandMark } from '../../shared/layout/brand-mark.tsx';
import { SignInForm } from '../../features/auth/components/sign-in-form.tsx';
import { HOME_PATH, safeReturnPath, type SignInReason } from '../session-redirect.ts';
import classes from './login-route.module.css';

function reasonOf(state: unknown): SignInReason | undefined {
  if (typeof state !== 'object' || state === null || !('reason' in state)) return undefined;
  const { reason } = state;
  return reason === 'session_ended' || reason === 'signed_out' ? reason : undefined;
}

function SignInReasonNotice({ reason }: { reason: SignInReason }) {
  if (reason === 'session_ended') {
    return (
      <Alert color="lagoon" variant="light" icon={<IconClockHour4 size={18} />} role="status">
        Your session ended. Sign in again.
      </Alert>
    );
  }
  return (
    <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} role="status">
      You signed out.
    </Alert>
  );
}

function ProductStory() {
  const points = [
    'Appointment book with every provider side by side',
    'Confirmations, reminders and no-show fees',
    'Client profiles, consent forms and checkout',
  ];
  return (
    <aside className={classes.story} aria-label="About Glowdesk">
      <BrandMark size={34} inverted />
      <Stack gap="lg" maw={440}>
        <Title order={2} fz={32} fw={600} lh={1.2} c="white">
          A calm front desk for busy clinics.
        </Title>
        <List
          spacing="sm"
          icon={
            <ThemeIcon size={22} radius="xl" color="rgba(255,255,255,0.18)">
              <IconCheck size={14} />
            </ThemeIcon>
          }
        >
          {points.map((point) => (
            <List.Item key={point}>
              <Text c="white" opacity={0.92}>
                {point}
              </Text>
            </List.Item>
          ))}
        </List>
      </Stack>
      <Text size="xs" c="white" opacity={0.7}>
        Open-source practice management for medical spas.
      </Text>
    </aside>
  );
}

export function LoginRoute() {
  useDocumentTitle('Sign in · Glowdesk');
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const reason = reasonOf(location.state);
  const returnPath = safeReturnPath(searchParams.get('next')) ?? HOME_PATH;

  return (
    <div className={classes.page}>
      <ProductStory />
      <Box component="main" className={classes.formSide}>
        <Paper className={classes.card} withBorder radius="lg" p={{ base: 'lg', sm: 32 }} shadow="xs">
          <Stack gap="lg">
            <Box hiddenFrom="md">
              <BrandMark size={30} />
            </Box>
            <Stack gap={4}>
              <Title order={1} fz={24}>
                Sign in
              </Title>
              <Text size="sm" c="dimmed">
                Use the email and password your practice gave you.
              </Text>
            </Stack>
            {reason && <SignInReasonNotice reason={reason} />}
            <SignInForm onSignedIn={() => void navigate(returnPath, { replace: true })} />
            <Text size="xs" c="dimmed">
              Trouble signing in? Contact your practice owner or admin.
            </Text>
          </Stack>
        </Paper>
      </Box>
    </div>
  );
}
