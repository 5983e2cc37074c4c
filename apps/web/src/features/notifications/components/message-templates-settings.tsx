import type { MessageTemplate, MessageTemplateKey } from '@glowdesk/contracts';
import { Alert, Badge, Button, Group, Modal, Paper, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconEye, IconPencil, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { useMessageTemplates } from '../api/get-message-templates.ts';
import { useResetMessageTemplate } from '../api/reset-message-template.ts';
import { formatMessageTime } from '../format-message-time.ts';
import { MessageTemplateEditor } from './message-template-editor.tsx';

const TITLE = 'Message templates';

/** When each template goes out, for the list. */
const templateUses: Record<MessageTemplateKey, string> = {
  booking_confirmation: 'From the pop-up after a booking at the desk, with a calendar invitation.',
  reschedule: 'From the pop-up after an appointment is moved, with the updated invitation.',
  cancellation: 'From the pop-up after a cancellation; removes the visit from the patient’s calendar.',
  reminder: 'Automatically before each appointment, at the times set in Reminders.',
  no_show: 'For a patient who missed an appointment.',
  fee_charged: 'For a fee charged to the patient’s card.',
  paperwork_request: 'Asks the patient to complete the forms their visit needs.',
};

interface MessageTemplatesSettingsProps {
  timeZone: string;
  /** Owners and admins change the wording; the front desk reads it. */
  canEdit: boolean;
}

/** Settings → Message templates: the practice's wording of every email and text message. */
export function MessageTemplatesSettings({ timeZone, canEdit }: MessageTemplatesSettingsProps) {
  const templates = useMessageTemplates();
  const [editingKey, setEditingKey] = useState<MessageTemplateKey | null>(null);
  const [resetting, setResetting] = useState<MessageTemplate | null>(null);
  const editing = templates.data?.find((template) => template.key === editingKey) ?? null;

  if (isApiProblem(templates.error, 403)) {
    return (
      <>
        <PageHeader title={TITLE} size="section" />
        <RestrictedNotice title="Your role cannot open the message templates">
          Owners, admins and the front desk read the wording of patients’ messages. Ask one of them if something should change.
        </RestrictedNotice>
      </>
    );
  }

  function renderTemplates() {
    if (templates.isError) return <LoadError what="the templates" error={templates.error} onRetry={() => void templates.refetch()} />;
    if (templates.isPending) {
      return (
        <Paper withBorder radius="lg" bg="white">
          <Stack gap="sm" p="md" role="status" aria-label="Loading templates">
            {[0, 1, 2, 3, 4, 5, 6].map((row) => (
              <Skeleton key={row} height={36} radius="sm" />
            ))}
          </Stack>
        </Paper>
      );
    }
    return (
      <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Template</Table.Th>
                <Table.Th w={170}>Wording</Table.Th>
                <Table.Th w={210} style={{ whiteSpace: 'nowrap' }}>
                  Last changed
                </Table.Th>
                <Table.Th w={250}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data.map((template) => (
                <Table.Tr key={template.key}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {template.label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {templateUses[template.key]}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {template.isDefault ? (
                      <Badge variant="light" color="gray" tt="none" style={{ flex: 'none' }}>
                        Default
                      </Badge>
                    ) : (
                      <Badge variant="light" color="lagoon" tt="none">
                        Practice’s own
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm" c={template.updatedAt ? undefined : 'dimmed'}>
                      {template.updatedAt ? formatMessageTime(template.updatedAt, timeZone) : 'Never'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      {canEdit && !template.isDefault && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="gray"
                          leftSection={<IconRestore size={14} />}
                          onClick={() => setResetting(template)}
                          aria-label={`Restore the default wording of ${template.label}`}
                        >
                          Restore default
                        </Button>
                      )}
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={canEdit ? <IconPencil size={14} /> : <IconEye size={14} />}
                        onClick={() => setEditingKey(template.key)}
                        aria-label={`${canEdit ? 'Edit' : 'View'} ${template.label}`}
                      >
                        {canEdit ? 'Edit' : 'View'}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
    );
  }

  return (
    <>
      <PageHeader
        title={TITLE}
        size="section"
        description="The wording of every email and text message patients receive. Placeholders such as {{patient.firstName}} are filled in with each appointment’s details, times in the clinic’s time zone."
      />
      {!canEdit && (
        <Alert variant="light" color="gray" icon={<IconEye size={18} stroke={1.6} />} mb="md" title="View only" role="note">
          <Text size="sm">Owners and admins change the wording. If something here needs to change, ask one of them.</Text>
        </Alert>
      )}
      {renderTemplates()}
      <MessageTemplateEditor template={editing} canEdit={canEdit} onClose={() => setEditingKey(null)} />
      <ResetTemplateModal template={resetting} onClose={() => setResetting(null)} />
    </>
  );
}

function ResetTemplateModal({ template, onClose }: { template: MessageTemplate | null; onClose: () => void }) {
  const reset = useResetMessageTemplate();
  const close = () => {
    reset.reset();
    onClose();
  };
  return (
    <Modal opened={template !== null} onClose={close} title="Restore the default wording?" size="md">
      {template && (
        <Stack gap="md">
          <Text size="sm">
            The practice’s own wording of <b>{template.label}</b> is discarded and the default wording is used for its email and text
            message from now on. Messages already sent are not changed.
          </Text>
          {reset.error && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {isApiProblem(reset.error) ? reset.error.detail : 'The wording was not restored. Try again.'}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Keep our wording
            </Button>
            <Button
              color="red"
              loading={reset.isPending}
              onClick={() =>
                reset.mutate(template.key, {
                  onSuccess: () => {
                    notifications.show({ color: 'lagoon', title: 'Default wording restored', message: template.label });
                    close();
                  },
                })
              }
            >
              Restore default
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
