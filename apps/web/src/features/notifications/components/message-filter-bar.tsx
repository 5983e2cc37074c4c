import { messageStatusSchema, type MessageChannel } from '@glowdesk/contracts';
import { Badge, Button, CloseButton, Group, Input, Paper, SegmentedControl, Select } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import type { MessageFilters } from '../api/notifications-query-keys.ts';
import { hasMessageFilters } from '../message-filters.ts';
import { messageStatusLabels } from '../message-status.ts';

const statusOptions = messageStatusSchema.options.map((status) => ({ value: status, label: messageStatusLabels[status] }));

interface MessageFilterBarProps {
  filters: MessageFilters;
  onChange: (filters: MessageFilters) => void;
}

export function MessageFilterBar({ filters, onChange }: MessageFilterBarProps) {
  const set = (changes: MessageFilters) => onChange({ ...filters, ...changes });
  return (
    <Paper withBorder radius="lg" p="md" mb="md" bg="white" component="section" aria-label="Filter the messages">
      <Group align="flex-end" gap="md" wrap="wrap">
        <Select
          label="Status"
          placeholder="Any status"
          data={statusOptions}
          value={filters.status ?? null}
          onChange={(status) => set({ status: messageStatusSchema.safeParse(status).data })}
          clearable
          w={{ base: '100%', sm: 200 }}
        />
        <div>
          {/* Worded and weighted as the Status field's label beside it. */}
          <Input.Label labelElement="div" id="message-channel-filter" mb={4}>
            Channel
          </Input.Label>
          <SegmentedControl
            aria-labelledby="message-channel-filter"
            value={filters.channel ?? 'all'}
            onChange={(value) => set({ channel: value === 'email' || value === 'sms' ? (value satisfies MessageChannel) : undefined })}
            data={[
              { value: 'all', label: 'All' },
              { value: 'email', label: 'Email' },
              { value: 'sms', label: 'SMS' },
            ]}
          />
        </div>
        {filters.appointmentId && (
          <Badge
            size="lg"
            variant="light"
            color="lagoon"
            tt="none"
            mb={4}
            rightSection={
              <CloseButton size="xs" aria-label="Show messages of every appointment" onClick={() => set({ appointmentId: undefined })} />
            }
          >
            One appointment
          </Badge>
        )}
        {filters.patientId && (
          <Badge
            size="lg"
            variant="light"
            color="lagoon"
            tt="none"
            mb={4}
            rightSection={
              <CloseButton size="xs" aria-label="Show messages of every client" onClick={() => set({ patientId: undefined })} />
            }
          >
            One client
          </Badge>
        )}
        {hasMessageFilters(filters) && (
          <Button
            variant="subtle"
            color="gray"
            size="compact-sm"
            mb={6}
            ml="auto"
            leftSection={<IconFilterOff size={14} />}
            onClick={() => onChange({})}
          >
            Clear filters
          </Button>
        )}
      </Group>
    </Paper>
  );
}
