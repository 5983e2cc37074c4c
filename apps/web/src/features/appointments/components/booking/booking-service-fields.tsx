import type { Clinic, Service, ServicePackage, VisitMode } from '@glowdesk/contracts';
import { ActionIcon, Anchor, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { BookingFormValues } from './booking-form-values.ts';

/** The modes every chosen service allows: one in-person-only service rules out virtual, and the reverse. */
export function modesAllowed(services: readonly Service[]): Set<VisitMode> {
  const allowed = new Set<VisitMode>(['in_person', 'virtual']);
  for (const service of services) {
    if (service.mode === 'in_person') allowed.delete('virtual');
    if (service.mode === 'virtual') allowed.delete('in_person');
  }
  return allowed;
}

function serviceOptions(services: readonly Service[]) {
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const service of [...services].sort((a, b) => a.name.localeCompare(b.name))) {
    const group = service.category ?? 'Other';
    const list = groups.get(group) ?? [];
    list.push({ value: service.id, label: `${service.name} · ${service.durationMinutes} min` });
    groups.set(group, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([group, items]) => ({ group, items }));
}

interface VisitModeFieldProps {
  form: UseFormReturnType<BookingFormValues>;
  mode: VisitMode;
  allowedModes: ReadonlySet<VisitMode>;
}

/** "In person or virtual", limited by what the chosen services allow. */
export function VisitModeField({ form, mode, allowedModes }: VisitModeFieldProps) {
  const error = form.errors.mode;
  return (
    <div>
      {/* Weighted as the form's other field labels (Mantine's Input.Label). */}
      <Text size="sm" fw={600} mb={4} id="visit-mode-label">
        In person or virtual
      </Text>
      <SegmentedControl
        aria-labelledby="visit-mode-label"
        fullWidth
        value={mode}
        onChange={(value) => form.setFieldValue('mode', value === 'virtual' ? 'virtual' : 'in_person')}
        data={[
          { value: 'in_person', label: 'In person', disabled: !allowedModes.has('in_person') },
          { value: 'virtual', label: 'Virtual', disabled: !allowedModes.has('virtual') },
        ]}
      />
      <Text size="xs" c={error ? 'red' : 'dimmed'} mt={4}>
        {error ??
          (allowedModes.has('virtual') && allowedModes.has('in_person')
            ? 'Every chosen service can be done in person or by video.'
            : allowedModes.has('virtual')
              ? 'These services are virtual only; the provider’s video room link is sent with the booking.'
              : 'Virtual is available only when every chosen service allows it.')}
      </Text>
    </div>
  );
}

export function ClinicField({ form, clinics }: { form: UseFormReturnType<BookingFormValues>; clinics: readonly Clinic[] }) {
  return (
    <Select
      label="Clinic"
      required
      data={clinics.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
      value={form.values.clinicId}
      onChange={(value) => {
        if (!value) return;
        form.setValues({ clinicId: value, serviceIds: [null], packageId: null, providerId: null });
      }}
      allowDeselect={false}
      error={form.errors.clinicId}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

interface ServiceFieldsProps {
  form: UseFormReturnType<BookingFormValues>;
  services: readonly Service[] | undefined;
  packages: readonly ServicePackage[];
  chosenPackage: ServicePackage | undefined;
  chosenServices: readonly Service[];
  visitMinutes: number;
}

/** "Services": one or more in order ("Add another service"), or a package. */
export function ServiceFields({ form, services, packages, chosenPackage, chosenServices, visitMinutes }: ServiceFieldsProps) {
  const { serviceChoice, serviceIds } = form.values;
  const error = form.errors.serviceIds;
  return (
    <Stack gap={6}>
      <Group justify="space-between" align="flex-end">
        <Text size="sm" fw={600} id="services-label">
          Services <span style={{ color: 'var(--mantine-color-error)' }}>*</span>
        </Text>
        <SegmentedControl
          size="xs"
          aria-label="Book services or a package"
          value={serviceChoice}
          onChange={(value) => {
            form.setFieldValue('serviceChoice', value === 'package' ? 'package' : 'services');
            form.clearFieldError('serviceIds');
          }}
          data={[
            { value: 'services', label: 'Services' },
            { value: 'package', label: 'Package' },
          ]}
        />
      </Group>
      {serviceChoice === 'services' ? (
        <>
          {serviceIds.map((serviceId, index) => (
            <Group key={index} gap="xs" wrap="nowrap" align="flex-start">
              <Select
                aria-label={index === 0 ? 'Service' : `Service ${index + 1}`}
                placeholder={services === undefined ? 'Loading services…' : 'Choose a service'}
                data={serviceOptions(services ?? [])}
                value={serviceId}
                searchable
                nothingFoundMessage="No service by that name at this clinic"
                onChange={(value) => {
                  form.setFieldValue(`serviceIds.${index}`, value);
                  form.clearFieldError('serviceIds');
                  form.clearFieldError('providerId');
                }}
                error={index === serviceIds.length - 1 ? error : undefined}
                style={{ flex: 1, minWidth: 0 }}
                comboboxProps={{ withinPortal: true }}
              />
              {serviceIds.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size={36}
                  aria-label={`Remove service ${index + 1}`}
                  onClick={() => form.removeListItem('serviceIds', index)}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
          ))}
          {serviceIds.length < 10 && (
            <Anchor component="button" type="button" size="sm" ta="left" onClick={() => form.insertListItem('serviceIds', null)}>
              <Group gap={4} component="span">
                <IconPlus size={14} /> Add another service
              </Group>
            </Anchor>
          )}
          {chosenServices.length > 1 && (
            <Text size="xs" c="dimmed">
              Booked back to back: {visitMinutes} minutes in all.
            </Text>
          )}
        </>
      ) : (
        <Select
          aria-label="Package"
          placeholder="Choose a package"
          data={packages.map((bundle) => ({ value: bundle.id, label: bundle.name }))}
          value={form.values.packageId}
          onChange={(value) => {
            form.setFieldValue('packageId', value);
            form.clearFieldError('serviceIds');
            form.clearFieldError('providerId');
          }}
          nothingFoundMessage="No packages at this clinic"
          error={error}
          description={chosenPackage ? chosenServices.map((service) => service.name).join(' → ') : undefined}
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </Stack>
  );
}
