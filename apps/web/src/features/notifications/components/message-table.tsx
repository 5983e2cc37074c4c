import type { MessageSummary } from '@glowdesk/contracts';
import { Anchor, Badge, Group, Table, Text, Tooltip } from '@mantine/core';
import { IconMail, IconMessage } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { formatMessageTime } from '../format-message-time.ts';
import { messageChannelLabels, messageHeadline, recipientOf } from '../message-status.ts';
import { MessageStatusBadge } from './message-status-badge.tsx';

/** Lets an email address wrap after "@" and "." instead of mid-word. */
function withWrapPoints(text: string): ReactNode {
  return text.split(/(?<=[@.])/).map((piece, index) => (
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {piece}
    </Fragment>
  ));
}

interface MessageTableProps {
  messages: MessageSummary[];
  timeZone: string;
  onOpen: (messageId: string) => void;
}

export function MessageTable({ messages, timeZone, onOpen }: MessageTableProps) {
  return (
    <Table.ScrollContainer minWidth={940}>
      <Table highlightOnHover horizontalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>
              Created{' '}
              <Text span size="xs" c="dimmed" fw={500}>
                ({timeZone.replaceAll('_', ' ')})
              </Text>
            </Table.Th>
            <Table.Th>Channel</Table.Th>
            <Table.Th>Recipient</Table.Th>
            <Table.Th>Subject / message</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Last error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((message) => {
            const headline = messageHeadline(message);
            return (
              <Table.Tr key={message.id} onClick={() => onOpen(message.id)} style={{ cursor: 'pointer' }}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatMessageTime(message.createdAt, timeZone)}</Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {message.channel === 'email' ? (
                      <IconMail size={16} stroke={1.6} aria-hidden="true" />
                    ) : (
                      <IconMessage size={16} stroke={1.6} aria-hidden="true" />
                    )}
                    <Text size="sm">{messageChannelLabels[message.channel]}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{withWrapPoints(recipientOf(message))}</Text>
                </Table.Td>
                <Table.Td miw={220} maw={320}>
                  <Group gap={6} wrap="nowrap">
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      ta="left"
                      lineClamp={2}
                      aria-label={`Open ${headline} to ${recipientOf(message)}`}
                      onClick={(event) => {
                        event.stopPropagation();
                        onOpen(message.id);
                      }}
                    >
                      {headline}
                    </Anchor>
                    {message.resendOfId && (
                      <Badge size="xs" variant="outline" color="gray" tt="none" style={{ flex: 'none' }}>
                        Resend
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <MessageStatusBadge status={message.status} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">
                    {message.attempts} of {message.maxAttempts}
                  </Text>
                  {message.status === 'queued' && message.nextAttemptAt && (
                    <Text size="xs" c="dimmed">
                      next {formatMessageTime(message.nextAttemptAt, timeZone)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td maw={220}>
                  {message.lastError ? (
                    <Tooltip label={message.lastError}>
                      <Text size="xs" c={message.status === 'failed' ? 'red.7' : 'dimmed'} lineClamp={2}>
                        {message.lastError}
                      </Text>
                    </Tooltip>
                  ) : (
                    <Text size="xs" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
