import { Box, Button, Container, Group, Text } from '@mantine/core';
import { IconBell, IconCalendarEvent, IconFileText, IconHome, IconLogout } from '@tabler/icons-react';
import { Navigate, NavLink, Outlet, useNavigate } from 'react-router';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { FullPageLoader } from '../../shared/layout/full-page-loader.tsx';
import { useLogOut, usePortalMe } from '../api/portal-session.ts';
import { appointmentsPath, notificationsPath, paperworkPath, portalHomePath, signInPath } from '../portal-paths.ts';
import { useCurrentPractice } from './current-practice.ts';
import { PortalError } from './portal-error.tsx';

/** The frame of every signed-in page: the clinic, who is signed in, the pages, and Log out. */
export function SignedInLayout() {
  const practice = useCurrentPractice();
  const me = usePortalMe(practice.slug);
  const logOut = useLogOut(practice.slug);
  const navigate = useNavigate();

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
          <Group component="nav" aria-label="Portal" gap={4} mt={4} wrap="nowrap" className="portal-nav">
            <NavLink to={portalHomePath(practice.slug)} end className="portal-nav-link">
              <IconHome size={18} aria-hidden="true" />
              Dashboard
            </NavLink>
            <NavLink to={appointmentsPath(practice.slug)} className="portal-nav-link">
              <IconCalendarEvent size={18} aria-hidden="true" />
              Appointments
            </NavLink>
            <NavLink to={paperworkPath(practice.slug)} className="portal-nav-link">
              <IconFileText size={18} aria-hidden="true" />
              Paperwork
            </NavLink>
            <NavLink to={notificationsPath(practice.slug)} className="portal-nav-link">
              <IconBell size={18} aria-hidden="true" />
              Notifications
            </NavLink>
          </Group>
        </Container>
      </header>
      <Container component="main" size="md" px={{ base: 'md', sm: 'lg' }} py="lg">
        <Outlet />
      </Container>
    </Box>
  );
}
