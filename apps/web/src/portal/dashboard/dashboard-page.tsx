import type { PortalDashboard } from '@glowdesk/contracts';
import { Badge, Button, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import {
  IconBell,
  IconCalendarEvent,
  IconCalendarPlus,
  IconChevronRight,
  IconFileText,
  IconInfoCircle,
  IconReceipt,
  IconSpeakerphone,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { usePortalDashboard } from '../api/portal-appointments.ts';
import { usePortalMe } from '../api/portal-session.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { appointmentsPath, bookOnlinePath, notificationsPath, paperworkPath, paymentHistoryPath } from '../portal-paths.ts';

/** The first page after sign-in: what waits for the patient, the clinic's reminders and its banners. */
export function DashboardPage() {
  const practice = useCurrentPractice();
  usePageTitle('Dashboard');
  const me = usePortalMe(practice.slug);
  const dashboard = usePortalDashboard(practice.slug);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={1} size="h2">
            Welcome{me.data ? `, ${me.data.patient.firstName}` : ''}
          </Title>
          <Text c="dimmed" size="sm" mt={4}>
            Your appointments with {practice.name}, in one place.
          </Text>
        </div>
        <Button
          component="a"
          href={bookOnlinePath(practice.slug)}
          variant="light"
          leftSection={<IconCalendarPlus size={18} aria-hidden="true" />}
        >
          Book online
        </Button>
      </Group>
      {dashboard.isPending && <Skeleton h={120} radius="md" />}
      {dashboard.isError && <LoadError what="your dashboard" error={dashboard.error} onRetry={() => void dashboard.refetch()} />}
      {dashboard.data && <DashboardContent dashboard={dashboard.data} />}
    </Stack>
  );
}

interface SummaryCardProps {
  to: string;
  icon: ReactNode;
  title: string;
  summary: string;
  /** The badge: how many things wait for the patient. */
  waiting: number;
  waitingText: string;
}

/** A link to one of the portal's pages with a badge of what waits there. */
function SummaryCard({ to, icon, title, summary, waiting, waitingText }: SummaryCardProps) {
  return (
    <UnstyledButton component={Link} to={to}>
      <Paper withBorder radius="md" p="md" bg="white" h="100%">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" radius="xl" size={40} aria-hidden="true">
              {icon}
            </ThemeIcon>
            <div>
              <Text fw={600}>{title}</Text>
              <Text size="sm" c="dimmed">
                {summary}
              </Text>
            </div>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {waiting > 0 && (
              <Badge color="orange" variant="filled" size="lg" circle aria-hidden="true">
                {waiting}
              </Badge>
            )}
            <IconChevronRight size={18} aria-hidden="true" />
          </Group>
        </Group>
        {waiting > 0 && (
          <Text size="sm" c="orange.9" mt="xs" fw={500}>
            {waitingText}
          </Text>
        )}
      </Paper>
    </UnstyledButton>
  );
}

function DashboardContent({ dashboard }: { dashboard: PortalDashboard }) {
  const practice = useCurrentPractice();
  const { unconfirmedAppointments, upcomingAppointments } = dashboard.counts;
  return (
    <>
      {dashboard.banners.length > 0 && (
        <Stack gap="sm" component="section" aria-label="News from the clinic">
          {dashboard.banners.map((banner) => (
            <Paper key={banner.id} radius="md" p="md" bg="blush.0" withBorder style={{ borderColor: 'var(--mantine-color-blush-2)' }}>
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon color="blush" variant="light" radius="xl" size={32} aria-hidden="true">
                  <IconSpeakerphone size={18} />
                </ThemeIcon>
                <Text fw={600} c="blush.9" style={{ overflowWrap: 'anywhere' }}>
                  {banner.body}
                </Text>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}

      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <SummaryCard
          to={appointmentsPath(practice.slug)}
          icon={<IconCalendarEvent size={22} />}
          title="Appointments"
          summary={upcomingAppointments === 0 ? 'Nothing booked' : `${upcomingAppointments} upcoming`}
          waiting={unconfirmedAppointments}
          waitingText={unconfirmedAppointments === 1 ? '1 appointment to confirm' : `${unconfirmedAppointments} appointments to confirm`}
        />
        <SummaryCard
          to={paperworkPath(practice.slug)}
          icon={<IconFileText size={22} />}
          title="Paperwork"
          summary={dashboard.counts.incompletePaperwork === 0 ? 'Nothing to complete' : 'Forms for your visits'}
          waiting={dashboard.counts.incompletePaperwork}
          waitingText={
            dashboard.counts.incompletePaperwork === 1 ? '1 form to complete' : `${dashboard.counts.incompletePaperwork} forms to complete`
          }
        />
        <SummaryCard
          to={notificationsPath(practice.slug)}
          icon={<IconBell size={22} />}
          title="Notifications"
          summary="Messages from the clinic"
          waiting={dashboard.counts.unreadNotifications}
          waitingText={
            dashboard.counts.unreadNotifications === 1
              ? '1 unread notification'
              : `${dashboard.counts.unreadNotifications} unread notifications`
          }
        />
        <SummaryCard
          to={paymentHistoryPath(practice.slug)}
          icon={<IconReceipt size={22} />}
          title="Payment History"
          summary={dashboard.counts.unpaidInvoices === 0 ? 'Nothing to pay' : 'Invoices to pay'}
          waiting={dashboard.counts.unpaidInvoices}
          waitingText={dashboard.counts.unpaidInvoices === 1 ? '1 unpaid invoice' : `${dashboard.counts.unpaidInvoices} unpaid invoices`}
        />
      </SimpleGrid>

      <Paper component="section" aria-labelledby="important-reminders" withBorder radius="md" p="md" bg="white">
        <Group gap="sm" mb="xs" wrap="nowrap">
          <ThemeIcon variant="light" radius="xl" size={32} aria-hidden="true">
            <IconInfoCircle size={18} />
          </ThemeIcon>
          <Title order={2} size="h4" id="important-reminders">
            Important Reminders
          </Title>
        </Group>
        <Text style={{ whiteSpace: 'pre-line' }}>
          {dashboard.importantReminders ?? `${practice.name} has no reminders for you right now.`}
        </Text>
      </Paper>
    </>
  );
}
