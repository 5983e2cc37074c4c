import { AppShell, Box, Burger, Container, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { IconBuildingHospital } from '@tabler/icons-react';
import { Link, Outlet, useMatch } from 'react-router';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { BrandMark } from '../../shared/layout/brand-mark.tsx';
import { FullPageLoader } from '../../shared/layout/full-page-loader.tsx';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { useMe } from '../../features/auth/api/get-me.ts';
import { SessionProvider } from '../../features/auth/components/session-context.tsx';
import { AppointmentNotificationHost } from '../../features/notifications/components/appointment-notification-host.tsx';
import { StackedNavigation, TopNavigation } from './top-navigation.tsx';
import { UserMenu } from './user-menu.tsx';
import classes from './staff-layout.module.css';

const HEADER_HEIGHT = 64;

/** Everything behind sign-in: header with the main tabs, practice and account menu. */
export function StaffLayout() {
  const me = useMe();
  const [navigationOpen, navigation] = useDisclosure(false);
  // The appointment book is the screen: it uses the full width and height of the window.
  const bookShown = useMatch('/appointments') !== null;

  if (me.isPending) return <FullPageLoader label="Opening your practice…" />;
  if (me.isError) {
    // A 401 has already sent the browser to the sign-in page.
    if (isApiProblem(me.error, 401)) return <FullPageLoader label="Taking you to sign in…" />;
    return (
      <Container size="sm" py={80}>
        <LoadError what="your session" error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }

  const { staff, practice } = me.data;
  return (
    <SessionProvider session={me.data}>
      <a href="#main-content" className={classes.skipLink}>
        Skip to content
      </a>
      <AppShell
        header={{ height: HEADER_HEIGHT }}
        navbar={{ width: 260, breakpoint: 'md', collapsed: { desktop: true, mobile: !navigationOpen } }}
        padding={0}
      >
        <AppShell.Header className={classes.header}>
          <Group h="100%" px="lg" gap="lg" wrap="nowrap" justify="space-between">
            <Group h="100%" gap="xl" wrap="nowrap">
              <Burger
                opened={navigationOpen}
                onClick={navigation.toggle}
                hiddenFrom="md"
                size="sm"
                aria-label={navigationOpen ? 'Close navigation' : 'Open navigation'}
              />
              <Link to="/appointments" aria-label="Glowdesk home" style={{ textDecoration: 'none' }}>
                <BrandMark size={28} />
              </Link>
              <Box h="100%" visibleFrom="md">
                <TopNavigation />
              </Box>
            </Group>
            <Group gap="md" wrap="nowrap">
              <Group gap={6} wrap="nowrap" className={classes.practice} visibleFrom="lg" aria-label="Practice">
                <IconBuildingHospital size={16} stroke={1.6} aria-hidden="true" />
                <Text size="sm" fw={500} truncate maw={220}>
                  {practice.name}
                </Text>
              </Group>
              <UserMenu staff={staff} />
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="md">
          {navigationOpen && (
            <>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb="xs" px="sm">
                {practice.name}
              </Text>
              <StackedNavigation onNavigate={navigation.close} />
            </>
          )}
        </AppShell.Navbar>
        <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
          <Box
            px={bookShown ? { base: 'xs', sm: 'md' } : { base: 'md', sm: 'xl' }}
            py={bookShown ? 'xs' : 'xl'}
            maw={bookShown ? undefined : 1320}
            mx="auto"
          >
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>
      <AppointmentNotificationHost />
      {/* Here rather than at the root: only signed-in pages raise notifications, and the sign-in page loads without them. */}
      <Notifications position="top-right" />
    </SessionProvider>
  );
}
