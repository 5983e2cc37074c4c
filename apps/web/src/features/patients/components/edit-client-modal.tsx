import type { Patient } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useUpdatePatient } from '../api/update-patient.ts';
import {
  PatientFormFields,
  patientFieldErrorsFrom,
  patientRequestFrom,
  validatePatientValues,
  valuesFromPatient,
  type PatientFieldErrors,
  type PatientFormValues,
} from './patient-form-fields.tsx';

/** Edits the profile as it was when opened; someone else's newer save is refused (If-Match) instead of overwritten. */
export function EditClientModal({ patient, onClose }: { patient: Patient; onClose: () => void }) {
  const [values, setValues] = useState<PatientFormValues>(() => valuesFromPatient(patient));
  const [errors, setErrors] = useState<PatientFieldErrors>({});
  const update = useUpdatePatient();
  const problem = isApiProblem(update.error) ? update.error : undefined;
  const unplaced = problem && Object.keys(patientFieldErrorsFrom(problem)).length === 0 ? problem : undefined;

  return (
    <Modal opened onClose={onClose} title={`Edit ${patient.firstName} ${patient.lastName}`} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = validatePatientValues(values);
          setErrors(found);
          if (Object.keys(found).length > 0) return;
          update.mutate(
            { patientId: patient.id, expectedVersion: patient.version, changes: patientRequestFrom(values) },
            {
              onSuccess: (saved) => {
                notifications.show({
                  color: 'lagoon',
                  title: 'Client updated',
                  message: `${saved.firstName} ${saved.lastName}'s profile is saved.`,
                });
                onClose();
              },
              onError: (error) => {
                if (isApiProblem(error)) setErrors(patientFieldErrorsFrom(error));
              },
            },
          );
        }}
      >
        <Stack gap="md">
          {unplaced && (
            <Alert
              color="red"
              variant="light"
              icon={<IconAlertCircle size={18} />}
              role="alert"
              title={unplaced.status === 412 ? 'Someone else changed this profile' : undefined}
            >
              {unplaced.status === 412 ? 'Close this form to see their changes, then edit again.' : unplaced.detail}
            </Alert>
          )}
          <PatientFormFields
            values={values}
            errors={errors}
            onChange={(field, value) => {
              setValues((current) => ({ ...current, [field]: value }));
              setErrors((current) => ({ ...current, [field]: undefined }));
            }}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
