import type { PaperworkTemplateSummary } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useSetPaperworkTemplateActive } from '../api/set-paperwork-template-active.ts';

export interface TemplateActiveRequest {
  template: PaperworkTemplateSummary;
  active: boolean;
}

/** Confirms deactivating or reactivating a form. Forms are never deleted: assignments point at their versions. */
export function TemplateActiveModal({ request, onClose }: { request: TemplateActiveRequest | null; onClose: () => void }) {
  const [retained, setRetained] = useState(request);
  if (request !== null && request !== retained) setRetained(request);
  const shown = request ?? retained;
  return (
    <Modal
      opened={request !== null}
      onClose={onClose}
      title={shown ? `${shown.active ? 'Reactivate' : 'Deactivate'} ${shown.template.name}?` : ''}
      size="md"
    >
      {shown && <TemplateActiveBody key={`${shown.template.id}:${shown.active}`} request={shown} onClose={onClose} />}
    </Modal>
  );
}

function TemplateActiveBody({ request: { template, active }, onClose }: { request: TemplateActiveRequest; onClose: () => void }) {
  const setActive = useSetPaperworkTemplateActive();
  function confirm() {
    setActive.mutate(
      { templateId: template.id, active },
      {
        onSuccess: () => {
          notifications.show({
            color: active ? 'lagoon' : 'gray',
            title: active ? 'Form reactivated' : 'Form deactivated',
            message: template.name,
          });
          onClose();
        },
      },
    );
  }
  return (
    <Stack gap="md">
      <Text size="sm">
        {active
          ? 'Services it is attached to forward it again with new bookings, at its current version.'
          : 'It is no longer forwarded when its services are booked, and it cannot be attached to more services. Forms already assigned to patients stay as they are, and services keep it attached in case you reactivate it.'}
      </Text>
      {setActive.error && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {isApiProblem(setActive.error)
            ? setActive.error.status === 403
              ? 'Your role cannot change forms. Owners and admins can.'
              : setActive.error.detail
            : 'The change could not be saved. Try again.'}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm" mt="xs">
        <Button variant="default" onClick={onClose} data-autofocus>
          Cancel
        </Button>
        <Button color={active ? undefined : 'red'} onClick={confirm} loading={setActive.isPending}>
          {active ? 'Reactivate' : 'Deactivate'}
        </Button>
      </Group>
    </Stack>
  );
}
