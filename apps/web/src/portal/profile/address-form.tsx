import type { PortalProfile } from '@glowdesk/contracts';
import { Alert, Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { STALE_MESSAGE, type SectionSave } from './section-notice.ts';

type AddressFields = Record<keyof PortalProfile['address'], string>;

function fieldsOf(address: PortalProfile['address']): AddressFields {
  return {
    line1: address.line1 ?? '',
    line2: address.line2 ?? '',
    city: address.city ?? '',
    region: address.region ?? '',
    postalCode: address.postalCode ?? '',
    country: address.country ?? '',
  };
}

/** The address, saved as typed; an emptied field is removed. */
export function AddressForm({ profile, section }: { profile: PortalProfile; section: SectionSave }) {
  const { notice } = section;
  const [fields, setFields] = useState<AddressFields>(() => fieldsOf(profile.address));
  const problem = isApiProblem(section.error) ? section.error : undefined;
  const errorOf = (field: keyof AddressFields) => problem?.messageFor(`address.${field}`);
  const formError =
    notice === 'stale'
      ? STALE_MESSAGE
      : problem && !Object.keys(fields).some((field) => errorOf(field as keyof AddressFields))
        ? problem.status === 412
          ? STALE_MESSAGE
          : problem.detail
        : section.error && !problem
          ? 'The address was not saved. Check your connection and try again.'
          : undefined;

  const input = (field: keyof AddressFields, label: string, autoComplete: string, extra: { maxLength?: number } = {}) => (
    <TextInput
      label={label}
      autoComplete={autoComplete}
      value={fields[field]}
      error={errorOf(field)}
      onChange={(event) => {
        const value = event.currentTarget.value;
        section.clearNotice();
        setFields((current) => ({ ...current, [field]: value }));
      }}
      {...extra}
    />
  );

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    section.clearNotice();
    section.save({ address: { ...fields, country: fields.country.trim() === '' ? null : fields.country.trim().toUpperCase() } });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Address">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
        {input('line1', 'Street address', 'address-line1')}
        {input('line2', 'Apartment, suite (optional)', 'address-line2')}
        {input('city', 'City', 'address-level2')}
        {input('region', 'State or region', 'address-level1')}
        {input('postalCode', 'ZIP or postal code', 'postal-code')}
        {input('country', 'Country code', 'country', { maxLength: 2 })}
      </SimpleGrid>
      {formError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" mt="md">
          {formError}
        </Alert>
      )}
      <Group mt="md" gap="sm">
        <Button type="submit" loading={section.saving}>
          Save address
        </Button>
        {notice === 'saved' && (
          <Group gap={4} c="teal.8" role="status">
            <IconCircleCheck size={18} aria-hidden="true" /> Address saved
          </Group>
        )}
      </Group>
    </form>
  );
}
