import { procedurePhotoKindLabels, type ProcedurePhoto } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatClinicDate, formatClinicTime } from '../../appointments/clinic-time.ts';
import { useDeleteProcedurePhoto } from '../api/procedure-photos.ts';

/** "Before photo “Frontal, relaxed”": what the dialog, its button and the notice call the photo. */
export function photoName(photo: ProcedurePhoto): string {
  const kind = `${procedurePhotoKindLabels[photo.kind]} photo`;
  return photo.caption ? `${kind} “${photo.caption}”` : kind;
}

function describeProblem(error: unknown): string {
  if (!isApiProblem(error)) return 'The photo was not deleted. Check the connection and try again.';
  if (error.status === 403) return 'Your role cannot delete photos from this chart.';
  if (error.status === 404) return 'This photo is no longer on the chart: someone deleted it meanwhile.';
  if (error.status === 409) return 'The chart was signed meanwhile, so its photos are locked. Add an addendum instead.';
  return error.detail;
}

interface DeletePhotoDialogProps {
  procedureId: string;
  /** The photo to delete; undefined closes the dialog. */
  photo: ProcedurePhoto | undefined;
  timeZone: string;
  onClose: () => void;
}

/**
 * Confirms deleting a photo from an unsigned chart, naming it (kind, caption, when and by
 * whom it was added) beside its thumbnail; a refusal is shown in the dialog.
 */
export function DeletePhotoDialog({ procedureId, photo, timeZone, onClose }: DeletePhotoDialogProps) {
  // Kept while the dialog animates closed, so its text does not go blank mid-transition.
  const [shown, setShown] = useState(photo);
  if (photo && photo !== shown) setShown(photo);
  const remove = useDeleteProcedurePhoto(procedureId);

  function close() {
    remove.reset();
    onClose();
  }

  function confirm() {
    if (!shown) return;
    remove.mutate(shown.id, {
      onSuccess: () => {
        notifications.show({ color: 'gray', title: 'Photo deleted', message: `${photoName(shown)} was removed from the chart.` });
        close();
      },
    });
  }

  const added = shown ? `${formatClinicDate(shown.createdAt, timeZone)} at ${formatClinicTime(shown.createdAt, timeZone)}` : '';
  return (
    <Modal opened={photo !== undefined} onClose={close} title={shown ? `Delete the ${photoName(shown)}?` : ''} size="md">
      {shown && (
        <Stack gap="md">
          <Group gap="md" align="flex-start" wrap="nowrap">
            <img
              src={shown.thumbnailUrl}
              alt=""
              width={shown.thumbnailWidth}
              height={shown.thumbnailHeight}
              style={{
                width: 96,
                height: 96,
                objectFit: 'cover',
                flexShrink: 0,
                borderRadius: 'var(--mantine-radius-sm)',
                background: 'var(--mantine-color-gray-1)',
              }}
            />
            <Text size="sm">
              The <strong>{photoName(shown)}</strong>, added {added} by {shown.createdBy.displayName}, will be removed from this chart and
              from storage, with its thumbnail. This cannot be undone.
            </Text>
          </Group>
          {remove.error && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {describeProblem(remove.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-autofocus>
              Cancel
            </Button>
            <Button color="red" leftSection={<IconTrash size={16} />} onClick={confirm} loading={remove.isPending}>
              Delete photo
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
