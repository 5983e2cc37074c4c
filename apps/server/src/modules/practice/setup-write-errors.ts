import { constraintOf, sqlStateOf } from '../../platform/database.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const EXCLUSION_VIOLATION = '23P01';

const duplicates: Record<string, { message: string; code: string; field: string }> = {
  clinics_name_key: { message: 'Another clinic already has this name.', code: 'name_taken', field: 'name' },
  resources_name_key: { message: 'This clinic already has a resource with this name.', code: 'name_taken', field: 'name' },
  services_name_key: { message: 'Another service already has this name.', code: 'name_taken', field: 'name' },
  service_packages_name_key: { message: 'Another package already has this name.', code: 'name_taken', field: 'name' },
  providers_staff_key: { message: 'This staff member is already a provider.', code: 'provider_exists', field: 'staffId' },
  schedule_overrides_date_key: {
    message: 'The provider already has an override at this clinic on this date. Delete it first to replace it.',
    code: 'override_exists',
    field: 'localDate',
  },
};

/** Why a row cannot be deleted, by the foreign key that holds it. */
const stillReferenced: Record<string, string> = {
  resources_clinic_fkey: 'The clinic still has rooms or equipment. Deactivate it instead (set active to false).',
  service_clinics_clinic_fkey: 'Services are still offered at the clinic. Deactivate it instead (set active to false).',
  provider_clinics_clinic_fkey: 'Providers still work at the clinic. Deactivate it instead (set active to false).',
  service_resources_resource_fkey: 'Services still need this resource. Deactivate it instead (set active to false).',
  service_package_items_service_fkey: 'Packages still include this service. Deactivate it instead (set active to false).',
  appointments_clinic_fkey: 'Appointments were booked at this clinic. Deactivate it instead (set active to false).',
  appointments_provider_fkey: 'Appointments were booked with this provider. Deactivate them instead (set active to false).',
  provider_claims_provider_fkey: 'Appointments were booked with this provider. Deactivate them instead (set active to false).',
  appointments_package_fkey: 'Appointments were booked for this package. Deactivate it instead (set active to false).',
  appointment_services_service_fkey: 'Appointments were booked for this service. Deactivate it instead (set active to false).',
  resource_claims_resource_fkey: 'Appointments have used this resource. Deactivate it instead (set active to false).',
  procedure_laser_settings_device_fkey: 'Charts record this device. Deactivate it instead (set active to false).',
};

/**
 * Turns constraint violations of setup writes into errors the caller can act on. On a
 * delete, a foreign key this module does not know (a booking, later) gets the general
 * "deactivate instead"; on other writes a foreign key violation means something the row
 * refers to was removed meanwhile (references are checked before writing).
 */
export function mapSetupWriteError(error: unknown, operation: 'write' | 'delete' = 'write'): unknown {
  const state = sqlStateOf(error);
  const constraint = constraintOf(error);
  if (state === UNIQUE_VIOLATION && constraint !== undefined) {
    const duplicate = duplicates[constraint];
    if (duplicate) return new ConflictError(duplicate.message, duplicate.code, { field: duplicate.field });
  }
  if (state === FOREIGN_KEY_VIOLATION && operation === 'delete') {
    const message =
      (constraint === undefined ? undefined : stillReferenced[constraint]) ??
      'Other records (such as bookings) still refer to this. Deactivate it instead (set active to false).';
    return new ConflictError(message, 'still_referenced', { extensions: { constraint } });
  }
  if (state === FOREIGN_KEY_VIOLATION) {
    return new ConflictError('Something this refers to was changed or removed meanwhile. Reload and try again.', 'reference_changed', {
      extensions: { constraint },
    });
  }
  if (state === EXCLUSION_VIOLATION && constraint === 'schedule_rules_no_overlap') {
    return new ValidationError('Two weekly rules overlap on the same weekday.', { field: 'rules', code: 'overlapping_rules' });
  }
  return error;
}

/** Runs a write and maps its constraint violations. */
export async function mappingSetupErrors<T>(write: () => Promise<T>, operation: 'write' | 'delete' = 'write'): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw mapSetupWriteError(error, operation);
  }
}
