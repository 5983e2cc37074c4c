import type { AuditEvent } from '@glowdesk/contracts';
import { ActionIcon, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState, type ReactNode } from 'react';
import { labelAuditAction, labelAuditObjectType } from '../audit-vocabulary.ts';
import { formatPracticeInstant } from '../format-practice-instant.ts';
import { AuditEventDetails } from './audit-event-details.tsx';
import { AuditOutcomeBadge } from './audit-outcome-badge.tsx';

export const AUDIT_COLUMN_COUNT = 7;

function actorOf(event: AuditEvent): string {
  if (event.actorLabel) return event.actorLabel;
  if (event.actorType === 'system') return 'Glowdesk';
  return event.actorType === 'anonymous' ? 'Someone not signed in' : event.actorType;
}

function shortId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

/** Lets emails and dotted codes wrap after "@", "." and "_" instead of mid-word. */
function withWrapPoints(text: string): ReactNode {
  return text.split(/(?<=[@._])/).map((piece, index) => (
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {piece}
    </Fragment>
  ));
}

export function AuditEventRow({ event, timeZone }: { event: AuditEvent; timeZone: string }) {
  const [expanded, setExpanded] = useState(false);
  const time = formatPracticeInstant(event.occurredAt, timeZone);
  const detailsId = `audit-event-${event.id}-details`;
  const actionLabel = labelAuditAction(event.action);
  const toggle = () => setExpanded((open) => !open);

  return (
    <>
      <Table.Tr onClick={toggle} style={{ cursor: 'pointer' }} bg={expanded ? 'var(--mantine-color-lagoon-0)' : undefined}>
        <Table.Td w={44} pr={0}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-expanded={expanded}
            aria-controls={detailsId}
            aria-label={`${expanded ? 'Hide' : 'Show'} details: ${actionLabel}, ${time.date} ${time.time}`}
            onClick={(clickEvent) => {
              clickEvent.stopPropagation();
              toggle();
            }}
          >
            {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Text size="sm">{time.date}</Text>
          <Text size="xs" c="dimmed">
            {time.time} {time.zone}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{withWrapPoints(actorOf(event))}</Text>
        </Table.Td>
        <Table.Td>
          <Stack gap={0}>
            <Text size="sm" fw={500}>
              {actionLabel}
            </Text>
            <Text size="xs" c="dimmed" ff="monospace">
              {withWrapPoints(event.action)}
            </Text>
          </Stack>
        </Table.Td>
        <Table.Td>
          {event.objectType ? (
            <Stack gap={0}>
              <Text size="sm">{labelAuditObjectType(event.objectType)}</Text>
              {event.objectId && (
                <Text size="xs" c="dimmed" ff="monospace" title={event.objectId}>
                  {shortId(event.objectId)}
                </Text>
              )}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              None
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <AuditOutcomeBadge outcome={event.outcome} />
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
            {event.ip ?? '—'}
          </Text>
        </Table.Td>
      </Table.Tr>
      {expanded && (
        <Table.Tr id={detailsId} bg="var(--mantine-color-gray-0)">
          <Table.Td colSpan={AUDIT_COLUMN_COUNT} px="lg">
            <AuditEventDetails event={event} timeZone={timeZone} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
