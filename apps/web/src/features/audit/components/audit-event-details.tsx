import type { AuditEvent } from '@glowdesk/contracts';
import { Code, CopyButton, Group, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

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

/** Everything recorded about one event: ids for support and the change itself. */
export function AuditEventDetails({ event }: { event: AuditEvent }) {
  const hasDetails = Object.keys(event.details).length > 0;
  return (
    <Stack gap="md" py="xs">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" maw={860}>
        <Fact label="Request ID" value={event.requestId} copyable />
        <Fact label="Recorded at (UTC)" value={event.occurredAt} />
        <Fact label="Actor ID" value={event.actorId} copyable />
        <Fact label="Object ID" value={event.objectId} copyable />
      </SimpleGrid>
      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={600}>
          Details
        </Text>
        {hasDetails ? (
          <Code block fz="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {JSON.stringify(event.details, null, 2)}
          </Code>
        ) : (
          <Text size="sm" c="dimmed">
            No further details were recorded.
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
