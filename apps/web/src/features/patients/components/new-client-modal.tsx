import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useDuplicatePatients } from '../api/check-duplicate-patients.ts';
import { useCreatePatient } from '../api/create-patient.ts';
import { toE164 } from '../format-phone.ts';
import { DuplicateWarning } from './duplicate-warning.tsx';
import {
  emptyPatientValues,
  PatientFormFields,
  patientFieldErrorsFrom,
  patientRequestFrom,
  validatePatientValues,
  type PatientFieldErrors,
  type PatientFormValues,
} from './patient-form-fields.tsx';

/** New client, warning about profiles that may be the same person before and after saving. */
export function NewClientModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="New client" size="lg">
      {opened && <NewClientForm onClose={onClose} />}
    </Modal>
  );
}

function NewClientForm({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [values, setValues] = useState<PatientFormValues>(emptyPatientValues);
  const [errors, setErrors] = useState<PatientFieldErrors>({});
  const createPatient = useCreatePatient();
  const [debounced] = useDebouncedValue(values, 400);
  const duplicates = useDuplicatePatients({
    firstName: debounced.firstName,
    lastName: debounced.lastName,
    email: debounced.email,
    phone: toE164(debounced.phone) ?? '',
    dateOfBirth: debounced.dateOfBirth ?? undefined,
  });
  const problem = isApiProblem(createPatient.error) ? createPatient.error : undefined;
  const unplaced = problem && Object.keys(patientFieldErrorsFrom(problem)).length === 0 ? problem : undefined;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = validatePatientValues(values);
        setErrors(found);
        if (Object.keys(found).length > 0) return;
        createPatient.mutate(patientRequestFrom(values), {
          onSuccess: (patient) => {
            notifications.show({
              color: 'lagoon',
              title: 'Client added',
              message:
                patient.possibleDuplicates.length > 0
                  ? `${patient.firstName} ${patient.lastName} was saved. ${patient.possibleDuplicates.length} similar profile(s) exist; review them if this is the same person.`
                  : `${patient.firstName} ${patient.lastName} was saved.`,
            });
            onClose();
            void navigate(`/clients/${patient.id}`);
          },
          onError: (error) => {
            if (isApiProblem(error)) setErrors(patientFieldErrorsFrom(error));
          },
        });
      }}
    >
      <Stack gap="md">
        {unplaced && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {unplaced.detail}
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
        <DuplicateWarning
          matches={duplicates.data ?? []}
          actionLabel="Open profile"
          onAction={(match) => {
            onClose();
            void navigate(`/clients/${match.id}`);
          }}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={createPatient.isPending}>
            Save client
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
