import type { MessageDetail } from '@glowdesk/contracts';
import { Alert, Anchor, Button, Divider, Drawer, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCalendarEvent, IconDownload, IconPaperclip, IconSend } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useMessage } from '../api/get-message.ts';
import { formatByteSize, formatMessageTime } from '../format-message-time.ts';
import { appointmentMessagesPath } from '../message-filters.ts';
import { canResend, messageChannelLabels, messageHeadline, messageStatusDescriptions, recipientOf } from '../message-status.ts';
import { MessageStatusBadge } from './message-status-badge.tsx';
import { ResendMessageModal } from './resend-message-modal.tsx';

interface MessageDetailDrawerProps {
  messageId: string | null;
  timeZone: string;
  onClose: () => void;
  /** Opens another message in the drawer (a resend, or the original of one). */
  onOpenMessage: (messageId: string) => void;
}

/** One message as the patient received it (or would have): recipient, text, attachments, delivery, Resend. */
export function MessageDetailDrawer({ messageId, timeZone, onClose, onOpenMessage }: MessageDetailDrawerProps) {
  const message = useMessage(messageId);
  return (
    <Drawer
      opened={messageId !== null}
      onClose={onClose}
      position="right"
      size={560}
      padding="lg"
      title={
        <Group gap="sm" wrap="nowrap">
          <Title order={2} fz={20} lineClamp={2}>
            {message.data ? messageHeadline(message.data) : 'Message'}
          </Title>
          {message.data && (
            <div style={{ flex: 'none' }}>
              <MessageStatusBadge status={message.data.status} size="md" />
            </div>
          )}
        </Group>
      }
    >
      {message.isPending ? (
        <Stack gap="sm" role="status" aria-label="Loading the message">
          <Skeleton height={24} width="60%" />
          <Skeleton height={96} />
          <Skeleton height={200} />
        </Stack>
      ) : message.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Could not load the message">
          {isApiProblem(message.error) ? message.error.detail : 'Something went wrong while loading. Try again.'}
        </Alert>
      ) : (
        <MessageDetails message={message.data} timeZone={timeZone} onOpenMessage={onOpenMessage} onClose={onClose} />
      )}
    </Drawer>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

interface MessageDetailsProps {
  message: MessageDetail;
  timeZone: string;
  onOpenMessage: (messageId: string) => void;
  onClose: () => void;
}

function MessageDetails({ message, timeZone, onOpenMessage, onClose }: MessageDetailsProps) {
  const [confirmingResend, setConfirmingResend] = useState(false);
  const delivered = message.status === 'sent';
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {messageStatusDescriptions[message.status]}
      </Text>
      {message.lastError && !delivered && (
        <Alert
          color={message.status === 'failed' ? 'red' : 'yellow'}
          variant="light"
          icon={<IconAlertCircle size={18} />}
          title={message.status === 'held' ? 'Why it was held' : 'Last error'}
        >
          {message.lastError}
        </Alert>
      )}
      <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
        <Fact label="To">
          {messageChannelLabels[message.channel]} · {recipientOf(message)}
        </Fact>
        <Fact label="Created">{formatMessageTime(message.createdAt, timeZone)}</Fact>
        <Fact label="Attempts">
          {message.attempts} of {message.maxAttempts}
        </Fact>
        {message.sentAt && <Fact label="Sent">{formatMessageTime(message.sentAt, timeZone)}</Fact>}
        {message.lastAttemptAt && <Fact label="Last attempt">{formatMessageTime(message.lastAttemptAt, timeZone)}</Fact>}
        {message.status === 'queued' && message.nextAttemptAt && (
          <Fact label="Next attempt">{formatMessageTime(message.nextAttemptAt, timeZone)}</Fact>
        )}
        {message.providerMessageId && <Fact label="Provider reference">{message.providerMessageId}</Fact>}
      </SimpleGrid>
      <Group gap="md">
        {message.patientId && (
          <Anchor component={Link} to={`/clients/${message.patientId}`} size="sm" onClick={onClose}>
            Client profile
          </Anchor>
        )}
        {message.appointmentId && (
          <Anchor component={Link} to={appointmentMessagesPath(message.appointmentId)} size="sm">
            All messages about this appointment
          </Anchor>
        )}
        {message.resendOfId && (
          <Anchor component="button" type="button" size="sm" onClick={() => message.resendOfId && onOpenMessage(message.resendOfId)}>
            The message this resends
          </Anchor>
        )}
      </Group>

      <Divider label={message.channel === 'email' ? 'Email' : 'Text message'} labelPosition="left" />
      {message.subject && (
        <Fact label="Subject">
          <Text size="sm" fw={600}>
            {message.subject}
          </Text>
        </Fact>
      )}
      <Paper withBorder radius="md" p="md" bg="gray.0">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} aria-label="Message text">
          {message.textBody}
        </Text>
      </Paper>

      {message.attachments.length > 0 && (
        <Stack gap="xs">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
            Attachments
          </Text>
          {message.attachments.map((attachment) => {
            const isCalendar = attachment.contentType.startsWith('text/calendar') || attachment.filename.endsWith('.ics');
            return (
              <Paper key={attachment.index} withBorder radius="md" p="sm">
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                    {isCalendar ? (
                      <IconCalendarEvent size={20} stroke={1.6} aria-hidden="true" />
                    ) : (
                      <IconPaperclip size={20} stroke={1.6} aria-hidden="true" />
                    )}
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} truncate>
                        {attachment.filename}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {isCalendar ? 'Calendar invitation' : attachment.contentType.split(';')[0]} · {formatByteSize(attachment.sizeBytes)}
                      </Text>
                    </div>
                  </Group>
                  <Button
                    component="a"
                    href={attachment.url}
                    download={attachment.filename}
                    variant="default"
                    size="xs"
                    leftSection={<IconDownload size={14} />}
                    aria-label={`Download ${attachment.filename}`}
                  >
                    Download
                  </Button>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}

      {canResend(message.status) && (
        <Paper withBorder radius="md" p="sm" bg="gray.0">
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" style={{ flex: 1, minWidth: 200 }}>
              Send the same {message.channel === 'sms' ? 'text message' : 'email'} again as a new message.
            </Text>
            <Button variant="default" leftSection={<IconSend size={16} />} onClick={() => setConfirmingResend(true)}>
              Resend
            </Button>
          </Group>
        </Paper>
      )}
      <ResendMessageModal
        message={confirmingResend ? message : null}
        onClose={() => setConfirmingResend(false)}
        onResent={(resent) => {
          setConfirmingResend(false);
          onOpenMessage(resent.id);
        }}
      />
    </Stack>
  );
}
