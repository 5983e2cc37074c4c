import { questionTypeLabels, type PaperworkQuestion, type PaperworkTemplateVersion } from '@glowdesk/contracts';
import { Badge, Group, List, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconSignature, IconUserCheck } from '@tabler/icons-react';
import { PaperworkTextView } from './paperwork-text-view.tsx';

function QuestionPreview({ question, position }: { question: PaperworkQuestion; position: number }) {
  return (
    <Paper withBorder radius="md" p="sm" component="li" style={{ listStyle: 'none' }}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Text size="sm" fw={600}>
          {position}. {question.label}
          {question.required && (
            <>
              <Text span c="red.7" fw={700} aria-hidden="true">
                {' '}
                *
              </Text>
              <VisuallyHidden> (required)</VisuallyHidden>
            </>
          )}
        </Text>
        <Badge variant="light" color="gray" tt="none" fw={600} miw="max-content">
          {questionTypeLabels[question.type]}
        </Badge>
      </Group>
      {question.helpText && (
        <Text size="xs" c="dimmed" mt={2}>
          {question.helpText}
        </Text>
      )}
      {question.options.length > 0 && (
        <List size="sm" mt={6} spacing={2} withPadding>
          {question.options.map((option) => (
            <List.Item key={option}>{option}</List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

/** What one version of a form asks of the patient, exactly as written. */
export function TemplateContentView({ version }: { version: PaperworkTemplateVersion }) {
  switch (version.kind) {
    case 'consent':
      return (
        <Stack gap="sm">
          <Paper withBorder radius="md" p="md" bg="gray.0">
            <PaperworkTextView body={version.body ?? ''} format={version.format ?? 'plain'} />
          </Paper>
          <Group gap="xs">
            <Badge
              variant="light"
              color={version.requiresSignature ? 'lagoon' : 'gray'}
              tt="none"
              leftSection={<IconSignature size={14} />}
            >
              {version.requiresSignature ? 'Patient signs' : 'No signature'}
            </Badge>
            {version.requiresWitnessSignature && (
              <Badge variant="light" color="orange" tt="none" leftSection={<IconUserCheck size={14} />}>
                A witness signs too
              </Badge>
            )}
          </Group>
        </Stack>
      );
    case 'questionnaire':
      return (
        <Stack gap="sm">
          {version.description && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {version.description}
            </Text>
          )}
          <Stack gap="xs" component="ol" p={0} m={0}>
            {version.questions.map((question, index) => (
              <QuestionPreview key={question.id} question={question} position={index + 1} />
            ))}
          </Stack>
          {version.questions.some((question) => question.required) && (
            <Text size="xs" c="dimmed">
              * The patient must answer.
            </Text>
          )}
        </Stack>
      );
    case 'instructions':
      return (
        <Paper withBorder radius="md" p="md" bg="gray.0">
          <PaperworkTextView body={version.body ?? ''} format={version.format ?? 'markdown'} />
        </Paper>
      );
  }
}
