import {
  PROCEDURE_PHOTO_ACCEPTED_FORMATS,
  procedurePhotoKindLabels,
  type Procedure,
  type ProcedurePhoto,
  type ProcedurePhotoKind,
} from '@glowdesk/contracts';
import { Alert, Button, FileButton, Group, Modal, Paper, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCamera, IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatClinicDate, formatClinicTime } from '../../appointments/clinic-time.ts';
import { PHOTO_ACCEPT, PHOTO_MAX_MEGABYTES, useProcedurePhotos, useUploadProcedurePhoto } from '../api/procedure-photos.ts';
import { DeletePhotoDialog, photoName } from './delete-photo-dialog.tsx';
import { PhotosComparison } from './photos-comparison.tsx';

const kinds: ProcedurePhotoKind[] = ['before', 'after'];

function UploadButtons({ kind, onFile, busy }: { kind: ProcedurePhotoKind; onFile: (file: File) => void; busy: boolean }) {
  // A phone or tablet opens its camera from "Take"; "Upload" picks from its library or, on a computer, a file.
  const touch = useMediaQuery('(pointer: coarse)') ?? false;
  const label = procedurePhotoKindLabels[kind];
  const pick = (file: File | null) => file && onFile(file);
  return (
    <Group gap="xs">
      {touch && (
        <FileButton onChange={pick} accept={PHOTO_ACCEPT} capture="environment" disabled={busy}>
          {(props) => (
            <Button {...props} leftSection={<IconCamera size={16} />} variant={kind === 'before' ? 'light' : 'filled'} disabled={busy}>
              Take {label} photo
            </Button>
          )}
        </FileButton>
      )}
      <FileButton onChange={pick} accept={PHOTO_ACCEPT} disabled={busy}>
        {(props) => (
          <Button
            {...props}
            leftSection={<IconPhotoUp size={16} />}
            variant={touch ? 'default' : kind === 'before' ? 'light' : 'filled'}
            disabled={busy}
          >
            Upload {label} photo
          </Button>
        )}
      </FileButton>
    </Group>
  );
}

function Thumbnail({
  photo,
  timeZone,
  onOpen,
  onDelete,
}: {
  photo: ProcedurePhoto;
  timeZone: string;
  onOpen: () => void;
  /** Absent once the chart is signed: its photos are locked. */
  onDelete: (() => void) | undefined;
}) {
  const when = `${formatClinicDate(photo.createdAt, timeZone)}, ${formatClinicTime(photo.createdAt, timeZone)}`;
  // The button is named by what it shows (the image's alt, then caption and time), so the
  // visible text is part of its accessible name.
  return (
    <Stack gap={4}>
      <UnstyledButton onClick={onOpen}>
        <img
          src={photo.thumbnailUrl}
          alt={`Open ${procedurePhotoKindLabels[photo.kind]} photo`}
          width={photo.thumbnailWidth}
          height={photo.thumbnailHeight}
          loading="lazy"
          style={{
            display: 'block',
            width: '100%',
            height: 'auto',
            aspectRatio: '1',
            objectFit: 'cover',
            borderRadius: 'var(--mantine-radius-sm)',
            background: 'var(--mantine-color-gray-1)',
          }}
        />
        <Text size="xs" fw={600} mt={4} lineClamp={1}>
          {photo.caption ?? procedurePhotoKindLabels[photo.kind]}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {when}
        </Text>
      </UnstyledButton>
      {onDelete && (
        <Button
          variant="subtle"
          color="red"
          size="compact-xs"
          leftSection={<IconTrash size={14} />}
          onClick={onDelete}
          aria-label={`Delete ${photoName(photo)}, ${when}`}
          style={{ alignSelf: 'flex-start' }}
        >
          Delete
        </Button>
      )}
    </Stack>
  );
}

/**
 * The chart's Photos: before and after photos taken on a phone or uploaded from a computer
 * (until the chart is signed), their thumbnails by kind, and the Before / After comparison.
 */
export function PhotosSection({ procedure, timeZone }: { procedure: Procedure; timeZone: string }) {
  const photos = useProcedurePhotos(procedure.id);
  const upload = useUploadProcedurePhoto(procedure.id);
  const [caption, setCaption] = useState('');
  const [uploadingKind, setUploadingKind] = useState<ProcedurePhotoKind>();
  const [opened, setOpened] = useState<ProcedurePhoto>();
  const [deleting, setDeleting] = useState<ProcedurePhoto>();
  const locked = procedure.signedAt !== null;
  const items = photos.data ?? [];

  function send(kind: ProcedurePhotoKind, file: File) {
    setUploadingKind(kind);
    upload.mutate({ kind, file, caption }, { onSuccess: () => setCaption(''), onSettled: () => setUploadingKind(undefined) });
  }

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="chart-photos-title">
      <Stack gap="md">
        <div>
          <Title order={2} fz="md" id="chart-photos-title">
            Photos
          </Title>
          {!locked && (
            <Text size="xs" c="dimmed">
              {PROCEDURE_PHOTO_ACCEPTED_FORMATS} images up to {PHOTO_MAX_MEGABYTES} MB. iPhone HEIC photos: export as JPEG first. Location
              and other camera data are removed when stored.
            </Text>
          )}
        </div>
        {!locked && (
          <Stack gap="sm">
            <TextInput
              label="Caption (optional)"
              placeholder="e.g. Frontal, relaxed"
              value={caption}
              onChange={(event) => setCaption(event.currentTarget.value)}
              maxLength={500}
              style={{ maxWidth: 420 }}
            />
            <Group gap="md" align="flex-start">
              {kinds.map((kind) => (
                <UploadButtons key={kind} kind={kind} onFile={(file) => send(kind, file)} busy={upload.isPending} />
              ))}
            </Group>
            {upload.isPending && uploadingKind && (
              <Text size="sm" c="dimmed" role="status">
                Uploading the {procedurePhotoKindLabels[uploadingKind].toLowerCase()} photo…
              </Text>
            )}
            {upload.error && (
              <Alert color="red" role="alert">
                {isApiProblem(upload.error) ? upload.error.detail : 'The photo was not uploaded.'}
              </Alert>
            )}
          </Stack>
        )}
        {photos.error && (
          <Alert color="red" role="alert">
            {isApiProblem(photos.error) ? photos.error.detail : 'The photos could not be loaded.'}
          </Alert>
        )}
        {photos.data && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {locked ? 'No photos were taken.' : 'No photos yet.'}
          </Text>
        )}
        {kinds.map((kind) => {
          const ofKind = items.filter((photo) => photo.kind === kind);
          if (ofKind.length === 0) return null;
          return (
            <Stack key={kind} gap="xs" role="group" aria-label={`${procedurePhotoKindLabels[kind]} photos`}>
              <Text size="sm" fw={600}>
                {procedurePhotoKindLabels[kind]} ({ofKind.length})
              </Text>
              <SimpleGrid cols={{ base: 3, sm: 4, lg: 6 }} spacing="sm">
                {ofKind.map((photo) => (
                  <Thumbnail
                    key={photo.id}
                    photo={photo}
                    timeZone={timeZone}
                    onOpen={() => setOpened(photo)}
                    onDelete={locked ? undefined : () => setDeleting(photo)}
                  />
                ))}
              </SimpleGrid>
            </Stack>
          );
        })}
        <PhotosComparison photos={items} timeZone={timeZone} />
      </Stack>
      <DeletePhotoDialog procedureId={procedure.id} photo={deleting} timeZone={timeZone} onClose={() => setDeleting(undefined)} />
      <Modal
        opened={opened !== undefined}
        onClose={() => setOpened(undefined)}
        title={opened ? `${procedurePhotoKindLabels[opened.kind]} photo${opened.caption ? ` — ${opened.caption}` : ''}` : ''}
        size="xl"
        centered
      >
        {opened && (
          <img
            src={opened.imageUrl}
            alt={`${procedurePhotoKindLabels[opened.kind]} photo${opened.caption ? `: ${opened.caption}` : ''}`}
            width={opened.width}
            height={opened.height}
            style={{ width: '100%', height: 'auto', maxHeight: '75vh', objectFit: 'contain' }}
          />
        )}
      </Modal>
    </Paper>
  );
}
