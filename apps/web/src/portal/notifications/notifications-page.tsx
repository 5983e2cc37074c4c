import type { PortalNotification } from '@glowdesk/contracts';
import { Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import { EmptyStateCard } from '../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { useMarkNotificationRead, usePortalNotifications } from '../api/portal-notifications.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';

/** What the practice sent the patient (confirmations, reminders, paperwork requests), newest first, read or unread. */
export function NotificationsPage() {
  usePageTitle('Notifications');
  const practice = useCurrentPractice();
  const notifications = usePortalNotifications(practice.slug);
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Notifications
      </Title>
      {notifications.isPending && <Skeleton h={120} radius="md" />}
      {notifications.isError && (
        <LoadError what="your notifications" error={notifications.error} onRetry={() => void notifications.refetch()} />
      )}
      {notifications.data && notifications.data.items.length === 0 && (
        <EmptyStateCard
          icon={<IconBellOff size={28} aria-hidden="true" />}
          title="No notifications"
          description={`Confirmations, reminders and requests from ${practice.name} show here.`}
        />
      )}
      {notifications.data && notifications.data.items.length > 0 && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {notifications.data.items.map((notification) => (
            <li key={notification.id}>
              <NotificationCard notification={notification} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function NotificationCard({ notification }: { notification: PortalNotification }) {
  const practice = useCurrentPractice();
  const markRead = useMarkNotificationRead(practice.slug);
  const sentAt = new Date(notification.sentAt).toLocaleString('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: practice.timezone,
  });
  const title = notification.subject ?? (notification.channel === 'sms' ? 'Text message' : 'Message');
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      bg="white"
      component="article"
      aria-label={title}
      style={notification.read ? undefined : { borderLeft: '4px solid var(--mantine-color-lagoon-7)' }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div>
          <Text fw={notification.read ? 500 : 700} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            {notification.channel === 'sms' ? 'Text' : 'Email'} · {sentAt}
          </Text>
        </div>
        <Badge color={notification.read ? 'gray' : 'lagoon'} variant="light" style={{ flexShrink: 0 }}>
          {notification.read ? 'Read' : 'Unread'}
        </Badge>
      </Group>
      <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }} lineClamp={notification.read ? undefined : 6}>
        {notification.body}
      </Text>
      {!notification.read && (
        <Button size="xs" variant="default" mt="sm" loading={markRead.isPending} onClick={() => markRead.mutate(notification.id)}>
          Mark as read
        </Button>
      )}
    </Paper>
  );
}
