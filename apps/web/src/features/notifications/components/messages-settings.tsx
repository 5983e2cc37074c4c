import { Alert, Button, Center, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconFilterOff, IconInfoCircle, IconMailbox } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { useMessages } from '../api/get-messages.ts';
import type { MessageFilters } from '../api/notifications-query-keys.ts';
import { hasMessageFilters, readMessageFilters, writeMessageFilters } from '../message-filters.ts';
import { MessageDetailDrawer } from './message-detail-drawer.tsx';
import { MessageFilterBar } from './message-filter-bar.tsx';
import { MessageTable } from './message-table.tsx';

const TITLE = 'Messages';

function MessageTableSkeleton() {
  return (
    <Paper withBorder radius="lg" bg="white">
      <Stack gap="sm" p="md" role="status" aria-label="Loading messages">
        {[0, 1, 2, 3, 4].map((row) => (
          <Skeleton key={row} height={30} radius="sm" />
        ))}
      </Stack>
    </Paper>
  );
}

/**
 * Settings → Messages: every email and text message to patients, newest first, with its
 * delivery state; open one to read it, download its calendar invite, or resend it.
 */
export function MessagesSettings({ timeZone }: { timeZone: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readMessageFilters(searchParams);
  const openMessageId = searchParams.get('message');
  const messages = useMessages(filters);
  const applyFilters = (next: MessageFilters) => setSearchParams(writeMessageFilters(next), { replace: true });
  const openMessage = (messageId: string | null) => setSearchParams(writeMessageFilters(filters, messageId), { replace: true });

  if (isApiProblem(messages.error, 403)) {
    return (
      <>
        <PageHeader title={TITLE} size="section" />
        <RestrictedNotice title="Your role cannot read patients' messages">
          Messages to patients hold their appointments and contact details, so the front desk, admins and owners read them. Ask one of them
          if you need to know whether a patient was notified.
        </RestrictedNotice>
      </>
    );
  }

  const items = messages.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = hasMessageFilters(filters);
  const someHeld = items.some((message) => message.status === 'held');

  function renderResults() {
    if (messages.isError) return <LoadError what="the messages" error={messages.error} onRetry={() => void messages.refetch()} />;
    if (messages.isPending) return <MessageTableSkeleton />;
    if (items.length === 0) {
      return filtered ? (
        <EmptyStateCard
          icon={<IconFilterOff size={26} stroke={1.6} />}
          title="No messages match these filters"
          description={
            filters.appointmentId
              ? 'Nothing has been sent about this appointment yet. Messages appear here once a notification or reminder goes out.'
              : 'Try another status or channel.'
          }
          actions={
            <Button variant="light" onClick={() => applyFilters({})}>
              Show all messages
            </Button>
          }
        />
      ) : (
        <EmptyStateCard
          icon={<IconMailbox size={26} stroke={1.6} />}
          title="No messages yet"
          description="Booking confirmations, reschedules, cancellations and reminders are listed here as they go out, with whether each one was delivered."
        />
      );
    }
    return (
      <>
        <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
          <MessageTable messages={items} timeZone={timeZone} onOpen={openMessage} />
        </Paper>
        <Center mt="md">
          {messages.hasNextPage ? (
            <Button variant="default" onClick={() => void messages.fetchNextPage()} loading={messages.isFetchingNextPage}>
              Load more
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {items.length === 1 ? 'That is the only message.' : `All ${items.length} messages shown.`}
            </Text>
          )}
        </Center>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={TITLE}
        size="section"
        description="Every email and text message to patients, newest first, with its delivery. Select one to read it, download its calendar invite or resend it."
      />
      <MessageFilterBar filters={filters} onChange={applyFilters} />
      {someHeld && (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} mb="md" title="Some messages are held, not sent">
          Email or SMS delivery is not set up on this installation, so those messages are kept here to show exactly what patients would
          receive. Once your administrator configures the provider (SMTP for email, Twilio for SMS), Resend sends a held message.
        </Alert>
      )}
      {renderResults()}
      <MessageDetailDrawer messageId={openMessageId} timeZone={timeZone} onClose={() => openMessage(null)} onOpenMessage={openMessage} />
    </>
  );
}
