import type { Service } from '@glowdesk/contracts';
import { ActionIcon, Badge, Group, Input, Paper, Select, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { formatMinutes } from '../../format-minutes.ts';
import { formatMoney } from '../../../../shared/format/money.ts';

interface PackageServiceListProps {
  /** In booking order. */
  serviceIds: readonly string[];
  services: readonly Service[];
  onChange: (serviceIds: string[]) => void;
  error: string | undefined;
  /** Messages for single rows, by position (from the server's `serviceIds[i]`). */
  rowErrors: ReadonlyMap<number, string>;
}

function moved(ids: readonly string[], from: number, to: number): string[] {
  const next = [...ids];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

/** The package's services in the order they are booked, reordered with up and down buttons. */
export function PackageServiceList({ serviceIds, services, onChange, error, rowErrors }: PackageServiceListProps) {
  const [picker, setPicker] = useState<string | null>(null);
  const byId = new Map(services.map((service) => [service.id, service]));
  const options = services
    .filter((service) => service.active)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((service) => ({ value: service.id, label: `${service.name} · ${formatMinutes(service.durationMinutes)}` }));

  return (
    <Stack gap="xs">
      <Input.Label required id="package-services-label">
        Services, in booking order
      </Input.Label>
      {serviceIds.length > 0 && (
        <Stack gap={6} component="ol" aria-labelledby="package-services-label" p={0} m={0} style={{ listStyle: 'none' }}>
          {serviceIds.map((serviceId, index) => {
            const service = byId.get(serviceId);
            const name = service?.name ?? 'Unknown service';
            const rowError = rowErrors.get(index);
            return (
              <Paper component="li" key={`${serviceId}:${index}`} withBorder radius="md" px="sm" py={8} bg={rowError ? 'red.0' : undefined}>
                <Group gap="sm" wrap="nowrap">
                  <ThemeIcon variant="light" radius="xl" size="sm" aria-hidden="true">
                    <Text size="xs" fw={700}>
                      {index + 1}
                    </Text>
                  </ThemeIcon>
                  <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500} truncate>
                        {name}
                      </Text>
                      {service && !service.active && (
                        <Badge size="xs" color="gray" variant="light" tt="none">
                          Inactive
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c={rowError ? 'red' : 'dimmed'}>
                      {rowError ??
                        (service ? `${formatMinutes(service.durationMinutes)} · ${formatMoney(service.priceCents, service.currency)}` : '')}
                    </Text>
                  </Stack>
                  <Group gap={2} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Move ${name} up`}
                      disabled={index === 0}
                      onClick={() => onChange(moved(serviceIds, index, index - 1))}
                    >
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Move ${name} down`}
                      disabled={index === serviceIds.length - 1}
                      onClick={() => onChange(moved(serviceIds, index, index + 1))}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${name}`}
                      onClick={() => onChange(serviceIds.filter((_, position) => position !== index))}
                    >
                      <IconX size={16} />
                    </ActionIcon>
                  </Group>
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
      <Select
        aria-label="Add a service to the package"
        placeholder={serviceIds.length === 0 ? 'Add the first service' : 'Add another service'}
        data={options}
        value={picker}
        onChange={(serviceId) => {
          if (serviceId) onChange([...serviceIds, serviceId]);
          setPicker(null);
        }}
        searchable
        nothingFoundMessage="No active service matches"
        error={error}
        comboboxProps={{ withinPortal: true }}
      />
    </Stack>
  );
}
