import { Box, Button, Container, Group, Text } from '@mantine/core';
import {
  IconBell,
  IconCalendarEvent,
  IconCreditCard,
  IconCrown,
  IconFileText,
  IconHome,
  IconLogout,
  IconStethoscope,
  IconPrescription,
  IconUserCircle,
  IconWallet,
} from '@tabler/icons-react';
import { Navigate, Outlet, useNavigate } from 'react-router';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { FullPageLoader } from '../../shared/layout/full-page-loader.tsx';
import { useLogOut, usePortalMe } from '../api/portal-session.ts';
import {
  appointmentsPath,
  medicalHistoryPath,
  membershipsPath,
  notificationsPath,
  paperworkPath,
  paymentMethodsPath,
  portalHomePath,
  prescriptionsPath,
  profilePath,
  signInPath,
  walletPath,
} from '../portal-paths.ts';
import { useCurrentPractice } from './current-practice.ts';
import { PortalError } from './portal-error.tsx';
import { PortalNavigation, type PortalPage } from './portal-navigation.tsx';
import { EndedProfileAccessNotice, ProfileSwitcher, useEndedProfileAccess } from './profile-switcher.tsx';

/** The portal's pages, in navigation order (PortalNavigation lays them out for the screen). */
function portalPages(slug: string): PortalPage[] {
  return [
    { to: portalHomePath(slug), label: 'Dashboard', icon: IconHome, end: true },
    { to: appointmentsPath(slug), label: 'Appointments', icon: IconCalendarEvent, end: false },
    { to: paperworkPath(slug), label: 'Paperwork', icon: IconFileText, end: false },
    { to: notificationsPath(slug), label: 'Notifications', icon: IconBell, end: false },
    { to: walletPath(slug), label: 'Client Wallet', icon: IconWallet, end: false },
    { to: membershipsPath(slug), label: 'Become A Member', icon: IconCrown, end: false },
    { to: paymentMethodsPath(slug), label: 'Payment Methods', icon: IconCreditCard, end: false },
    { to: medicalHistoryPath(slug), label: 'Medical History', icon: IconStethoscope, end: false },
    { to: prescriptionsPath(slug), label: 'Prescriptions', icon: IconPrescription, end: false },
    { to: profilePath(slug), label: 'Profile', icon: IconUserCircle, end: false },
  ];
}

/** The frame of every signed-in page: the clinic, who is signed in, the pages, and Log out. */
export function SignedInLayout() {
  const practice = useCurrentPractice();
  const me = usePortalMe(practice.slug);
  const logOut = useLogOut(practice.slug);
  const navigate = useNavigate();
  const endedAccess = useEndedProfileAccess(practice.slug);

  if (me.isPending) return <FullPageLoader label="Loading your portal…" />;
  if (me.isError) {
    if (isApiProblem(me.error, 401)) return <Navigate to={signInPath(practice.slug)} replace />;
    return <PortalError what="your portal" error={me.error} onRetry={() => void me.refetch()} />;
  }

  const { patient } = me.data;
  return (
    <Box mih="100dvh">
      <header className="portal-header">
        <Container size="md" px={{ base: 'md', sm: 'lg' }}>
          <Group justify="space-between" wrap="nowrap" pt="sm" gap="sm">
            <Box miw={0}>
              <Text fw={700} size="lg" truncate="end">
                {practice.name}
              </Text>
              <Text size="sm" c="dimmed" truncate="end">
                Signed in as {patient.firstName} {patient.lastName}
              </Text>
            </Box>
            <Button
              variant="default"
              size="sm"
              style={{ flexShrink: 0 }}
              leftSection={<IconLogout size={16} aria-hidden="true" />}
              loading={logOut.isPending}
              onClick={() => logOut.mutate(undefined, { onSettled: () => void navigate(signInPath(practice.slug), { replace: true }) })}
            >
              Log out
            </Button>
          </Group>
          <ProfileSwitcher slug={practice.slug} me={me.data} />
          <PortalNavigation pages={portalPages(practice.slug)} />
        </Container>
      </header>
      <Container component="main" size="md" px={{ base: 'md', sm: 'lg' }} pt="lg" className="portal-main">
        {endedAccess && <EndedProfileAccessNotice notice={endedAccess} />}
        <Outlet />
      </Container>
    </Box>
  );
}
