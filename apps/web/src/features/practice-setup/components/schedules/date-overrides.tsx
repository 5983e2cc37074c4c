import type { ScheduleOverride } from '@glowdesk/contracts';
import { ActionIcon, Alert, Badge, Button, Group, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCalendarOff, IconCalendarPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../../shared/api/api-problem.ts';
import { LoadError } from '../../../../shared/layout/load-error.tsx';
import { useDeleteScheduleOverride } from '../../api/delete-schedule-override.ts';
import { useScheduleOverrides } from '../../api/get-schedule-overrides.ts';
import { formatLocalDate, formatWallClock } from '../../clinic-dates.ts';
import { useRetained } from '../shared/use-retained.ts';
import { AddOverrideModal } from './add-override-modal.tsx';

interface DateOverridesProps {
  providerId: string;
  clinicId: string;
  today: string;
  canManage: boolean;
}

function hoursOf(override: ScheduleOverride): string {
  return override.intervals.map((interval) => `${formatWallClock(interval.start)} – ${formatWallClock(interval.end)}`).join(', ');
}

/** Dates on which the provider works other hours, or not at all, at this clinic: today onward. */
export function DateOverrides({ providerId, clinicId, today, canManage }: DateOverridesProps) {
  const overrides = useScheduleOverrides({ providerId, clinicId, fromDate: today });
  const [adding, addModal] = useDisclosure(false);
  const [removing, setRemoving] = useState<ScheduleOverride | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" style={{ flex: 1 }}>
          A day off or different hours on one date replace the weekly hours that day.
        </Text>
        {canManage && (
          <Button variant="light" size="xs" leftSection={<IconCalendarPlus size={14} />} onClick={addModal.open}>
            Add date override
          </Button>
        )}
      </Group>
      {overrides.isError ? (
        <LoadError what="the date overrides" error={overrides.error} onRetry={() => void overrides.refetch()} />
      ) : !overrides.data ? (
        <Stack gap={6} role="status" aria-label="Loading date overrides">
          <Skeleton height={40} radius="md" />
          <Skeleton height={40} radius="md" />
        </Stack>
      ) : overrides.data.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="lg">
          No upcoming overrides. The weekly hours apply every day.
        </Text>
      ) : (
        <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Date overrides">
          {[...overrides.data]
            .sort((a, b) => a.localDate.localeCompare(b.localDate))
            .map((override) => (
              <Group
                component="li"
                key={override.id}
                justify="space-between"
                wrap="nowrap"
                gap="sm"
                px="sm"
                py={8}
                style={{ border: '1px solid var(--glowdesk-border)', borderRadius: 'var(--mantine-radius-md)' }}
              >
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Group gap={8}>
                    <Text size="sm" fw={600}>
                      {formatLocalDate(override.localDate)}
                    </Text>
                    {override.intervals.length === 0 ? (
                      <Badge color="gray" variant="light" tt="none" leftSection={<IconCalendarOff size={12} />}>
                        Day off
                      </Badge>
                    ) : (
                      <Badge color="blush" variant="light" tt="none">
                        Different hours
                      </Badge>
                    )}
                  </Group>
                  <Text size="xs" c="dimmed" truncate>
                    {[override.intervals.length > 0 ? hoursOf(override) : undefined, override.note].filter(Boolean).join(' · ') ||
                      'Not working'}
                  </Text>
                </Stack>
                {canManage && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={`Delete the override on ${formatLocalDate(override.localDate)}`}
                    onClick={() => setRemoving(override)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
            ))}
        </Stack>
      )}
      <AddOverrideModal opened={adding} providerId={providerId} clinicId={clinicId} today={today} onClose={addModal.close} />
      <DeleteOverrideModal providerId={providerId} override={removing} onClose={() => setRemoving(null)} />
    </Stack>
  );
}

function DeleteOverrideModal({
  providerId,
  override: selected,
  onClose,
}: {
  providerId: string;
  override: ScheduleOverride | null;
  onClose: () => void;
}) {
  const override = useRetained(selected);
  const deleteOverride = useDeleteScheduleOverride();
  const date = override ? formatLocalDate(override.localDate) : '';

  function close() {
    deleteOverride.reset();
    onClose();
  }

  return (
    <Modal opened={selected !== null} onClose={close} title={`Delete the override on ${date}?`} size="md">
      <Stack gap="md">
        <Text size="sm">The weekly hours apply again on {date}.</Text>
        {deleteOverride.isError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {isApiProblem(deleteOverride.error) ? deleteOverride.error.detail : 'The override could not be deleted. Try again.'}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button
            color="red"
            loading={deleteOverride.isPending}
            onClick={() => {
              if (!override) return;
              deleteOverride.mutate(
                { providerId, overrideId: override.id },
                {
                  onSuccess: () => {
                    notifications.show({ color: 'gray', title: 'Override deleted', message: date });
                    close();
                  },
                },
              );
            }}
          >
            Delete override
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
