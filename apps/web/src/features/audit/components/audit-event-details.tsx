import { Fragment } from 'react';
import type { AuditEvent } from '@glowdesk/contracts';
import { Box, CopyButton, Group, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { describeAuditDetails, type AuditDetailField } from '../audit-details.ts';
import { formatPracticeInstant } from '../format-practice-instant.ts';

function Fact({ label, value, copyable = false }: { label: string; value: string | null; copyable?: boolean }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      {value === null ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <Group gap={6} wrap="nowrap">
          <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
          {copyable && (
            <CopyButton value={value}>
              {({ copied, copy }) => (
                <UnstyledButton
                  onClick={copy}
                  aria-label={copied ? `${label} copied` : `Copy ${label.toLowerCase()}`}
                  c={copied ? 'lagoon' : 'dimmed'}
                  style={{ display: 'flex' }}
                >
                  {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                </UnstyledButton>
              )}
            </CopyButton>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** Recorded details as a list of labelled values; nested records indent under their label. */
function DetailFields({ fields }: { fields: AuditDetailField[] }) {
  return (
    <Box component="dl" m={0} style={{ display: 'grid', gridTemplateColumns: 'minmax(8rem, max-content) 1fr', gap: '4px 16px' }}>
      {fields.map((field, index) => (
        <Fragment key={`${field.label}-${index}`}>
          <Text component="dt" size="sm" c="dimmed" fw={600}>
            {field.label}
          </Text>
          <Box component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
            {'fields' in field ? (
              field.fields.length > 0 ? (
                <DetailFields fields={field.fields} />
              ) : (
                <Text size="sm">None</Text>
              )
            ) : (
              <Text size="sm">{field.value}</Text>
            )}
          </Box>
        </Fragment>
      ))}
    </Box>
  );
}

/** Everything recorded about one event: ids for support and the change itself. */
export function AuditEventDetails({ event, timeZone }: { event: AuditEvent; timeZone: string }) {
  const hasDetails = Object.keys(event.details).length > 0;
  const recorded = formatPracticeInstant(event.occurredAt, timeZone);
  return (
    <Stack gap="md" py="xs">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" maw={860}>
        <Fact label="Request ID" value={event.requestId} copyable />
        <Fact label="Recorded at" value={`${recorded.date}, ${recorded.time} ${recorded.zone}`} />
        <Fact label="Actor ID" value={event.actorId} copyable />
        <Fact label="Object ID" value={event.objectId} copyable />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={600}>
          Details
        </Text>
        {hasDetails ? (
          <DetailFields fields={describeAuditDetails(event.details, timeZone)} />
        ) : (
          <Text size="sm" c="dimmed">
            No further details were recorded.
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
