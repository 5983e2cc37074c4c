import {
  fitzpatrickSkinTypeLabels,
  fitzpatrickSkinTypeSchema,
  laserCoolingLabels,
  laserCoolingSchema,
  type LaserSettings,
} from '@glowdesk/contracts';
import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useClinicDevices } from '../api/clinic-devices.ts';
import { nextLaserRow, type LaserDraft, type LaserRowDraft } from '../laser-settings-draft.ts';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import classes from './laser-settings-section.module.css';

// The input shows "Type III" and the words below it: a whole label ("III — sometimes burns, tans
// uniformly") is cut inside the input at phone width. The list shows each type with its words.
const skinTypeOptions = fitzpatrickSkinTypeSchema.options.map((value) => ({ value, label: `Type ${value}` }));
const skinTypeWords = (value: string): string => {
  const parsed = fitzpatrickSkinTypeSchema.safeParse(value);
  return parsed.success ? (fitzpatrickSkinTypeLabels[parsed.data].split(' — ')[1] ?? '') : '';
};
const coolingOptions = laserCoolingSchema.options.map((value) => ({ value, label: laserCoolingLabels[value] }));

/** The laser / device section of an unsigned chart: the clinic's device, skin type, settings per area and the test spot. */
export function LaserSettingsEditor({
  clinicId,
  savedDevice,
  draft,
  onChange,
  fieldError,
}: {
  clinicId: string;
  /** The device the chart already names, listed even when it is no longer in use. */
  savedDevice: LaserSettings['device'];
  draft: LaserDraft;
  onChange: (next: LaserDraft) => void;
  fieldError: (field: string) => string | undefined;
}) {
  const devices = useClinicDevices(clinicId);
  const deviceOptions = (devices.data ?? [])
    .filter((device) => device.active || device.id === savedDevice?.id)
    .map((device) => ({ value: device.id, label: device.name }));
  if (savedDevice && !deviceOptions.some((option) => option.value === savedDevice.id)) {
    deviceOptions.push({ value: savedDevice.id, label: savedDevice.name });
  }
  const updateRow = (key: number, change: Partial<LaserRowDraft>) =>
    onChange({ ...draft, rows: draft.rows.map((row) => (row.key === key ? { ...row, ...change } : row)) });
  const { testSpot } = draft;

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="laser-settings-title">
      <Title order={2} fz="md" mb="sm" id="laser-settings-title">
        Laser / device settings
      </Title>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Device"
            placeholder={devices.isPending ? 'Loading the clinic’s devices…' : 'Choose the device'}
            data={deviceOptions}
            value={draft.deviceId}
            onChange={(value) => onChange({ ...draft, deviceId: value })}
            error={fieldError('laser.deviceId') ?? (devices.error ? 'The clinic’s devices could not be loaded.' : undefined)}
            nothingFoundMessage="No devices at this clinic"
            clearable
          />
          <Select
            label="Skin type (Fitzpatrick)"
            placeholder="Choose I–VI"
            data={skinTypeOptions}
            renderOption={({ option }) => (
              <Text size="sm">
                <Text span fw={600} inherit>
                  {option.label}
                </Text>{' '}
                — {skinTypeWords(option.value)}
              </Text>
            )}
            value={draft.skinType}
            onChange={(value) => onChange({ ...draft, skinType: fitzpatrickSkinTypeSchema.safeParse(value).data ?? null })}
            description={draft.skinType ? skinTypeWords(draft.skinType) : undefined}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            error={fieldError('laser.skinType')}
            clearable
          />
        </SimpleGrid>

        <Stack gap="sm">
          <Group justify="space-between">
            <Text fw={600} size="sm">
              Settings per area
            </Text>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => onChange({ ...draft, rows: [...draft.rows, nextLaserRow(draft.rows.at(-1))] })}
            >
              Add area
            </Button>
          </Group>
          {draft.rows.length === 0 && (
            <Text size="sm" c="dimmed">
              No settings charted yet.
            </Text>
          )}
          {draft.rows.map((row, index) => {
            const field = `laser.settings[${index}]`;
            return (
              <Paper
                key={row.key}
                withBorder
                radius="sm"
                p="sm"
                bg="var(--mantine-color-gray-0)"
                role="group"
                aria-label={`Area ${index + 1}`}
              >
                <Group justify="space-between" mb={4}>
                  <Text size="xs" fw={600} c="dimmed">
                    Area {index + 1}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="sm"
                    aria-label={`Remove area ${index + 1}`}
                    onClick={() => onChange({ ...draft, rows: draft.rows.filter((candidate) => candidate.key !== row.key) })}
                  >
                    <IconTrash size={14} />
                  </ActionIcon>
                </Group>
                <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" verticalSpacing="xs">
                  <TextInput
                    className={classes.wide}
                    label="Area"
                    placeholder="Underarms"
                    value={row.area}
                    onChange={(event) => updateRow(row.key, { area: event.currentTarget.value })}
                    error={fieldError(`${field}.area`)}
                  />
                  <NumberInput
                    label="Fluence (J/cm²)"
                    value={row.fluenceJoulesPerCm2}
                    onChange={(value) => updateRow(row.key, { fluenceJoulesPerCm2: value })}
                    min={0.1}
                    max={1000}
                    decimalScale={2}
                    error={fieldError(`${field}.fluenceJoulesPerCm2`)}
                  />
                  <NumberInput
                    label="Spot size (mm)"
                    value={row.spotSizeMm}
                    onChange={(value) => updateRow(row.key, { spotSizeMm: value })}
                    min={0.1}
                    max={100}
                    decimalScale={2}
                    error={fieldError(`${field}.spotSizeMm`)}
                  />
                  <NumberInput
                    label="Pulse width (ms)"
                    value={row.pulseWidthMs}
                    onChange={(value) => updateRow(row.key, { pulseWidthMs: value })}
                    min={0.001}
                    max={1000}
                    decimalScale={3}
                    error={fieldError(`${field}.pulseWidthMs`)}
                  />
                  <NumberInput
                    label="Passes"
                    value={row.passes}
                    onChange={(value) => updateRow(row.key, { passes: value })}
                    min={1}
                    max={20}
                    allowDecimal={false}
                    error={fieldError(`${field}.passes`)}
                  />
                  <Select
                    className={classes.wide}
                    label="Cooling"
                    data={coolingOptions}
                    value={row.cooling}
                    onChange={(value) => updateRow(row.key, { cooling: laserCoolingSchema.safeParse(value).data ?? 'none' })}
                    allowDeselect={false}
                    error={fieldError(`${field}.cooling`)}
                  />
                </SimpleGrid>
              </Paper>
            );
          })}
        </Stack>

        <Stack gap="xs">
          <Checkbox
            label="Test spot done"
            checked={testSpot.done}
            onChange={(event) => onChange({ ...draft, testSpot: { ...testSpot, done: event.currentTarget.checked } })}
          />
          {testSpot.done && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label="Test spot site"
                placeholder="Left underarm"
                value={testSpot.site}
                onChange={(event) => onChange({ ...draft, testSpot: { ...testSpot, site: event.currentTarget.value } })}
                error={fieldError('laser.testSpot.site')}
              />
              <TextInput
                label="Test spot date"
                type="date"
                value={testSpot.performedOn}
                onChange={(event) => onChange({ ...draft, testSpot: { ...testSpot, performedOn: event.currentTarget.value } })}
                error={fieldError('laser.testSpot.performedOn')}
              />
              <Textarea
                label="Result / reaction"
                placeholder="Perifollicular edema at 10 minutes; no blistering."
                value={testSpot.reaction}
                onChange={(event) => onChange({ ...draft, testSpot: { ...testSpot, reaction: event.currentTarget.value } })}
                error={fieldError('laser.testSpot.reaction')}
                autosize
                minRows={2}
                style={{ gridColumn: '1 / -1' }}
              />
            </SimpleGrid>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** The laser / device section of a signed chart, read-only. */
export function LaserSettingsView({ laser }: { laser: LaserSettings | null }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="laser-settings-title">
      <Title order={2} fz="md" mb="sm" id="laser-settings-title">
        Laser / device settings
      </Title>
      {!laser ? (
        <Text size="sm" c="dimmed">
          None charted.
        </Text>
      ) : (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                Device
              </Text>
              <Text size="sm">{laser.device?.name ?? '—'}</Text>
            </Stack>
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                Skin type (Fitzpatrick)
              </Text>
              <Text size="sm">{laser.skinType ? fitzpatrickSkinTypeLabels[laser.skinType] : '—'}</Text>
            </Stack>
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                Test spot
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {laser.testSpot.done
                  ? [laser.testSpot.site, laser.testSpot.performedOn, laser.testSpot.reaction].filter(Boolean).join(' · ')
                  : 'Not done'}
              </Text>
            </Stack>
          </SimpleGrid>
          {laser.settings.length === 0 ? (
            <Text size="sm" c="dimmed">
              No settings charted.
            </Text>
          ) : (
            <StackedTableContainer minWidth={620}>
              <Table className={stackedTableClass} aria-label="Laser settings per area">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Area</Table.Th>
                    <Table.Th>Fluence (J/cm²)</Table.Th>
                    <Table.Th>Spot size (mm)</Table.Th>
                    <Table.Th>Pulse width (ms)</Table.Th>
                    <Table.Th>Passes</Table.Th>
                    <Table.Th>Cooling</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {laser.settings.map((row, index) => (
                    <Table.Tr key={index}>
                      <Table.Td data-label="Area">{row.area}</Table.Td>
                      <Table.Td data-label="Fluence (J/cm²)">{formatNumber(row.fluenceJoulesPerCm2)}</Table.Td>
                      <Table.Td data-label="Spot size (mm)">{formatNumber(row.spotSizeMm)}</Table.Td>
                      <Table.Td data-label="Pulse width (ms)">{formatNumber(row.pulseWidthMs)}</Table.Td>
                      <Table.Td data-label="Passes">{row.passes}</Table.Td>
                      <Table.Td data-label="Cooling">{laserCoolingLabels[row.cooling]}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </StackedTableContainer>
          )}
        </Stack>
      )}
    </Paper>
  );
}
