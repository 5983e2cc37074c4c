import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { isApiProblem } from '../../../../shared/api/api-problem.ts';
import type { RecordAction, RecordActionRequest } from './record-action.ts';
import { useRetained } from './use-retained.ts';

interface SetupRecord {
  id: string;
  active: boolean;
}

interface RecordActionModalProps<T extends SetupRecord> {
  request: RecordActionRequest<T> | null;
  /** Singular, lower case: "clinic", "service package". */
  noun: string;
  nameOf: (record: T) => string;
  /** What deactivating this record changes, in a sentence or two. */
  deactivateConsequence: ReactNode;
  reactivateConsequence: ReactNode;
  setActive: (record: T, active: boolean) => Promise<unknown>;
  remove: (record: T) => Promise<unknown>;
  onClose: () => void;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeProblem(error: unknown, noun: string): string {
  if (!isApiProblem(error)) return 'The change could not be saved. Try again.';
  if (error.status === 412) return `Someone else changed this ${noun} meanwhile. The list now shows the latest; try again.`;
  if (error.status === 403) return 'Your role cannot change practice setup. Owners and admins can.';
  // The API's advice names its own field; here the button beside it says the same.
  return error.detail.replace(/\s*\(set active to false\)/, '');
}

const titles: Record<RecordAction, string> = { deactivate: 'Deactivate', reactivate: 'Reactivate', delete: 'Delete' };

/** Confirms deactivating, reactivating or deleting a setup record; a refused delete offers deactivation instead. */
export function RecordActionModal<T extends SetupRecord>(props: RecordActionModalProps<T>) {
  const request = useRetained(props.request);
  return (
    <Modal
      opened={props.request !== null}
      onClose={props.onClose}
      title={request ? `${titles[request.action]} ${props.nameOf(request.record)}?` : ''}
      size="md"
    >
      {request && <RecordActionBody key={`${request.action}:${request.record.id}`} {...props} request={request} />}
    </Modal>
  );
}

function RecordActionBody<T extends SetupRecord>({
  request: { action, record },
  noun,
  nameOf,
  deactivateConsequence,
  reactivateConsequence,
  setActive,
  remove,
  onClose,
}: RecordActionModalProps<T> & { request: RecordActionRequest<T> }) {
  const [pending, setPending] = useState<RecordAction | null>(null);
  const [error, setError] = useState<unknown>(null);
  const name = nameOf(record);

  async function run(next: RecordAction) {
    setPending(next);
    setError(null);
    try {
      if (next === 'delete') await remove(record);
      else await setActive(record, next === 'reactivate');
      notifications.show({
        color: next === 'reactivate' ? 'lagoon' : 'gray',
        title: `${capitalize(noun)} ${next === 'delete' ? 'deleted' : next === 'reactivate' ? 'reactivated' : 'deactivated'}`,
        message: name,
      });
      onClose();
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(null);
    }
  }

  const refusedDelete = action === 'delete' && isApiProblem(error, 409);
  return (
    <Stack gap="md">
      {action === 'deactivate' && <Text size="sm">{deactivateConsequence}</Text>}
      {action === 'reactivate' && <Text size="sm">{reactivateConsequence}</Text>}
      {action === 'delete' && (
        <Text size="sm">
          <strong>{name}</strong> will be removed for good. Only a {noun} that nothing else uses can be deleted; one that bookings or other
          settings refer to can be deactivated instead.
        </Text>
      )}
      {error !== null && (
        <Alert
          color={refusedDelete ? 'yellow' : 'red'}
          variant="light"
          icon={<IconAlertCircle size={18} />}
          role="alert"
          title={refusedDelete ? `This ${noun} is in use` : undefined}
        >
          {describeProblem(error, noun)}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm" mt="xs">
        <Button variant="default" onClick={onClose} data-autofocus>
          Cancel
        </Button>
        {refusedDelete && record.active ? (
          <Button onClick={() => void run('deactivate')} loading={pending === 'deactivate'}>
            Deactivate instead
          </Button>
        ) : (
          <Button
            color={action === 'reactivate' ? undefined : 'red'}
            onClick={() => void run(action)}
            loading={pending === action}
            disabled={refusedDelete}
          >
            {titles[action]}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
