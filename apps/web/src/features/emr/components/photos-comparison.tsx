import type { ProcedurePhoto } from '@glowdesk/contracts';
import { Badge, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatClinicDate, formatClinicTime } from '../../appointments/clinic-time.ts';

function photoLabel(photo: ProcedurePhoto, timeZone: string): string {
  const when = `${formatClinicDate(photo.createdAt, timeZone)}, ${formatClinicTime(photo.createdAt, timeZone)}`;
  return photo.caption ? `${photo.caption} · ${when}` : when;
}

function ComparedPhoto({
  title,
  color,
  photos,
  chosen,
  onChoose,
  timeZone,
}: {
  title: 'Before' | 'After';
  color: string;
  photos: ProcedurePhoto[];
  chosen: ProcedurePhoto;
  onChoose: (photoId: string) => void;
  timeZone: string;
}) {
  return (
    <Stack gap="xs" role="group" aria-label={`${title} photo`}>
      <Badge color={color} variant="filled" size="lg" tt="none" style={{ alignSelf: 'flex-start' }}>
        {title}
      </Badge>
      {photos.length > 1 && (
        <Select
          label={`${title} photo`}
          data={photos.map((photo) => ({ value: photo.id, label: photoLabel(photo, timeZone) }))}
          value={chosen.id}
          onChange={(value) => value && onChoose(value)}
          allowDeselect={false}
          size="xs"
        />
      )}
      <img
        src={chosen.imageUrl}
        alt={`${title}: ${photoLabel(chosen, timeZone)}`}
        width={chosen.width}
        height={chosen.height}
        style={{
          width: '100%',
          height: 'auto',
          maxHeight: '70vh',
          objectFit: 'contain',
          borderRadius: 'var(--mantine-radius-sm)',
          background: 'var(--mantine-color-gray-1)',
        }}
      />
      <Text size="xs" c="dimmed">
        {photoLabel(chosen, timeZone)}
      </Text>
    </Stack>
  );
}

/**
 * The Before / After comparison: one before and one after photo side by side at full size
 * (the earliest before and the latest after unless others are chosen). Side by side on a
 * phone too: the point is to see both at once.
 */
export function PhotosComparison({ photos, timeZone }: { photos: ProcedurePhoto[]; timeZone: string }) {
  const befores = photos.filter((photo) => photo.kind === 'before');
  const afters = photos.filter((photo) => photo.kind === 'after');
  const [beforeId, setBeforeId] = useState<string>();
  const [afterId, setAfterId] = useState<string>();
  const before = befores.find((photo) => photo.id === beforeId) ?? befores[0];
  const after = afters.find((photo) => photo.id === afterId) ?? afters[afters.length - 1];
  if (!before || !after) return null;
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="photos-comparison-title">
      <Title order={3} fz="sm" mb="sm" id="photos-comparison-title">
        Before / After
      </Title>
      <SimpleGrid cols={2} spacing={{ base: 'xs', sm: 'lg' }}>
        <ComparedPhoto title="Before" color="gray" photos={befores} chosen={before} onChoose={setBeforeId} timeZone={timeZone} />
        <ComparedPhoto title="After" color="teal" photos={afters} chosen={after} onChoose={setAfterId} timeZone={timeZone} />
      </SimpleGrid>
    </Paper>
  );
}
