import type { StaffMember } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useUpdateStaff } from '../api/update-staff.ts';
import { describeStaffChangeProblem } from './staff-change-problem.ts';
import { useRetainedMember } from './use-retained-member.ts';

interface StaffStatusModalProps {
  /** The account to deactivate (if active) or reactivate (if not); null keeps it closed. */
  member: StaffMember | null;
  onClose: () => void;
}

/** Confirms deactivating or reactivating an account, naming the person and the consequence. */
export function StaffStatusModal({ member: selected, onClose }: StaffStatusModalProps) {
  const member = useRetainedMember(selected);
  const updateStaff = useUpdateStaff();
  const deactivating = member?.active ?? true;

  function close() {
    updateStaff.reset();
    onClose();
  }

  function confirm() {
    if (!member) return;
    updateStaff.mutate(
      { staffId: member.id, expectedVersion: member.version, changes: { active: !member.active } },
      {
        onSuccess: (updated) => {
          notifications.show({
            color: updated.active ? 'lagoon' : 'gray',
            title: updated.active ? 'Account reactivated' : 'Account deactivated',
            message: updated.active
              ? `${updated.displayName} can sign in again.`
              : `${updated.displayName} has been signed out everywhere.`,
          });
          close();
        },
      },
    );
  }

  const name = member?.displayName ?? '';
  return (
    <Modal opened={selected !== null} onClose={close} title={deactivating ? `Deactivate ${name}?` : `Reactivate ${name}?`} size="md">
      <Stack gap="md">
        {deactivating ? (
          <Text size="sm">
            <strong>{name}</strong> will be signed out everywhere right away and will no longer be able to sign in. Their past work and
            audit history stay as they are. You can reactivate the account later.
          </Text>
        ) : (
          <Text size="sm">
            <strong>{name}</strong> will be able to sign in again with their existing password and their current role.
          </Text>
        )}
        {updateStaff.isError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {describeStaffChangeProblem(updateStaff.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button color={deactivating ? 'red' : undefined} onClick={confirm} loading={updateStaff.isPending}>
            {deactivating ? 'Deactivate' : 'Reactivate'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
