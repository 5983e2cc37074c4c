import { Badge, Button, Group } from '@mantine/core';
import { IconCircleCheck, IconCircleOff, IconPencil } from '@tabler/icons-react';

/** "Inactive" beside a deactivated plan's or coupon's name; it keeps its width in a narrow cell. */
export function InactiveBadge() {
  return (
    <Badge
      color="gray"
      variant="outline"
      size="sm"
      tt="none"
      fw={600}
      style={{ flexShrink: 0 }}
      styles={{ label: { overflow: 'visible' } }}
    >
      Inactive
    </Badge>
  );
}

/** A plan's or coupon's row actions: Edit, and Deactivate or Reactivate, each named with what it acts on. */
export function CatalogRowActions({
  name,
  active,
  onEdit,
  onSetActive,
}: {
  /** The plan's name or the coupon's code. */
  name: string;
  active: boolean;
  onEdit: () => void;
  onSetActive: (active: boolean) => void;
}) {
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      <Button size="xs" variant="subtle" leftSection={<IconPencil size={14} />} onClick={onEdit} aria-label={`Edit ${name}`}>
        Edit
      </Button>
      <Button
        size="xs"
        variant="subtle"
        color={active ? 'gray' : undefined}
        leftSection={active ? <IconCircleOff size={14} /> : <IconCircleCheck size={14} />}
        onClick={() => onSetActive(!active)}
        aria-label={`${active ? 'Deactivate' : 'Reactivate'} ${name}`}
      >
        {active ? 'Deactivate' : 'Reactivate'}
      </Button>
    </Group>
  );
}
