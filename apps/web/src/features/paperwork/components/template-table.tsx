import { paperworkKindLabels, type PaperworkTemplateSummary } from '@glowdesk/contracts';
import { ActionIcon, Badge, Group, Menu, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconCircleCheck, IconCircleOff, IconDots, IconEye, IconHistory, IconPencil } from '@tabler/icons-react';
import { formatPaperworkDate } from '../format-paperwork-time.ts';
import { PaperworkKindIcon } from './paperwork-kind-icon.tsx';

/** What a row asks to do with a template. */
export type TemplateAction = 'edit' | 'versions' | 'deactivate' | 'reactivate';

interface TemplateTableProps {
  templates: readonly PaperworkTemplateSummary[];
  timeZone: string;
  canManage: boolean;
  onAction: (template: PaperworkTemplateSummary, action: TemplateAction) => void;
}

/** "Patient and witness sign", "4 questions", "Read before the visit". */
function describeTemplate(template: PaperworkTemplateSummary): string {
  switch (template.kind) {
    case 'consent':
      if (!template.requiresSignature) return 'Read only, no signature';
      return template.requiresWitnessSignature ? 'Patient and witness sign' : 'Patient signs';
    case 'questionnaire':
      return template.questionCount === 1 ? '1 question' : `${template.questionCount} questions`;
    case 'instructions':
      return 'Read before the visit';
  }
}

function TemplateRowMenu({
  template,
  canManage,
  onAction,
}: {
  template: PaperworkTemplateSummary;
  canManage: boolean;
  onAction: (action: TemplateAction) => void;
}) {
  return (
    <Menu position="bottom-end" width={220} shadow="md" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${template.name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {canManage ? (
          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onAction('edit')}>
            Edit
          </Menu.Item>
        ) : (
          <Menu.Item leftSection={<IconEye size={16} />} onClick={() => onAction('versions')}>
            View
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconHistory size={16} />} onClick={() => onAction('versions')}>
          Version history
        </Menu.Item>
        {canManage &&
          (template.active ? (
            <Menu.Item leftSection={<IconCircleOff size={16} />} onClick={() => onAction('deactivate')}>
              Deactivate
            </Menu.Item>
          ) : (
            <Menu.Item leftSection={<IconCircleCheck size={16} />} onClick={() => onAction('reactivate')}>
              Reactivate
            </Menu.Item>
          ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** Consents, questionnaires and instructions with their current version. */
export function TemplateTable({ templates, timeZone, canManage, onAction }: TemplateTableProps) {
  const sorted = [...templates].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={240}>Form</Table.Th>
            <Table.Th w={240}>Kind</Table.Th>
            <Table.Th w={110}>Version</Table.Th>
            <Table.Th w={140} style={{ whiteSpace: 'nowrap' }}>
              Last changed
            </Table.Th>
            <Table.Th w={100}>Status</Table.Th>
            <Table.Th w={56}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((template) => (
            <Table.Tr key={template.id}>
              <Table.Td>
                <Stack gap={2}>
                  <Text
                    size="sm"
                    fw={600}
                    c={template.active ? undefined : 'dimmed'}
                    component="button"
                    type="button"
                    onClick={() => onAction(template, canManage ? 'edit' : 'versions')}
                    style={{ background: 'none', border: 0, padding: 0, textAlign: 'left', cursor: 'pointer' }}
                  >
                    {template.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {describeTemplate(template)}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <PaperworkKindIcon kind={template.kind} size={16} />
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {paperworkKindLabels[template.kind]}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">Version {template.version}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatPaperworkDate(template.updatedAt, timeZone)}</Text>
              </Table.Td>
              <Table.Td>
                {template.active ? (
                  <Badge color="lagoon" variant="light" tt="none" fw={600} miw="max-content">
                    Active
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light" tt="none" fw={600} miw="max-content">
                    Inactive
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <TemplateRowMenu template={template} canManage={canManage} onAction={(action) => onAction(template, action)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
