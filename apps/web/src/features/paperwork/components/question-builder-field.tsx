import { questionTypeLabels, type QuestionType } from '@glowdesk/contracts';
import { ActionIcon, Alert, Button, Group, Menu, Paper, Select, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconArrowDown, IconArrowUp, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import {
  addOption,
  addQuestion,
  changeQuestionType,
  isChoiceType,
  moveQuestion,
  questionLimits,
  questionTypeOptions,
  removeOption,
  removeQuestion,
  updateOption,
  updateQuestion,
  type QuestionDraft,
  type QuestionErrors,
  type QuestionProblems,
} from '../question-builder.ts';

interface QuestionBuilderFieldProps {
  questions: QuestionDraft[];
  errors: QuestionErrors;
  /** A message about the list as a whole (from the server or the form). */
  listError: string | undefined;
  onChange: (questions: QuestionDraft[]) => void;
  /** Clears the messages of a question once it is edited. */
  onQuestionEdited: (key: string) => void;
}

function isQuestionType(value: string | null): value is QuestionType {
  return value !== null && value in questionTypeLabels;
}

function QuestionCard({
  question,
  position,
  count,
  problems,
  onChange,
}: {
  question: QuestionDraft;
  position: number;
  count: number;
  problems: QuestionProblems | undefined;
  onChange: (change: (questions: QuestionDraft[]) => QuestionDraft[]) => void;
}) {
  const name = `Question ${position}`;
  const choice = isChoiceType(question.type);
  return (
    <Paper withBorder radius="md" p="sm" role="group" aria-label={name} data-question-key={question.key}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" fw={700}>
            {name}
          </Text>
          <Group gap={2} wrap="nowrap">
            <Tooltip label="Move up" disabled={position === 1}>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Move question ${position} up`}
                disabled={position === 1}
                onClick={() => onChange((questions) => moveQuestion(questions, question.key, -1))}
              >
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Move down" disabled={position === count}>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Move question ${position} down`}
                disabled={position === count}
                onClick={() => onChange((questions) => moveQuestion(questions, question.key, 1))}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Remove question">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove question ${position}`}
                onClick={() => onChange((questions) => removeQuestion(questions, question.key))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        <TextInput
          label="Wording"
          required
          placeholder="e.g. Are you pregnant or breastfeeding?"
          value={question.label}
          maxLength={questionLimits.label}
          onChange={(event) => {
            const label = event.currentTarget.value;
            onChange((questions) => updateQuestion(questions, question.key, { label }));
          }}
          error={problems?.label}
        />
        <Group gap="md" align="flex-end" wrap="wrap">
          <Select
            label="Answer type"
            data={questionTypeOptions}
            value={question.type}
            allowDeselect={false}
            onChange={(type) => {
              if (isQuestionType(type)) onChange((questions) => changeQuestionType(questions, question.key, type));
            }}
            w={200}
            comboboxProps={{ withinPortal: true }}
          />
          <Switch
            label="Required"
            description="The patient must answer"
            checked={question.required}
            onChange={(event) => {
              const required = event.currentTarget.checked;
              onChange((questions) => updateQuestion(questions, question.key, { required }));
            }}
            mb={4}
          />
        </Group>
        {choice && (
          <Stack gap={6} role="group" aria-label={`Options of question ${position}`}>
            <Text size="sm" fw={500}>
              Options{' '}
              <Text span size="xs" c="dimmed">
                ({question.type === 'single_choice' ? 'the patient picks one' : 'the patient picks any'})
              </Text>
            </Text>
            {question.options.map((option, index) => (
              <Group key={option.key} gap={6} wrap="nowrap" align="flex-start">
                <TextInput
                  aria-label={`Option ${index + 1}`}
                  placeholder={`Option ${index + 1}`}
                  value={option.text}
                  maxLength={questionLimits.option}
                  onChange={(event) => {
                    const text = event.currentTarget.value;
                    onChange((questions) => updateOption(questions, question.key, option.key, text));
                  }}
                  error={problems?.option?.[option.key]}
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="lg"
                  aria-label={`Remove option ${index + 1}`}
                  onClick={() => onChange((questions) => removeOption(questions, question.key, option.key))}
                >
                  <IconX size={16} />
                </ActionIcon>
              </Group>
            ))}
            {problems?.options && (
              <Text size="xs" c="red.7">
                {problems.options}
              </Text>
            )}
            <Group>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} />}
                disabled={question.options.length >= questionLimits.options}
                onClick={() => onChange((questions) => addOption(questions, question.key))}
              >
                Add option
              </Button>
            </Group>
          </Stack>
        )}
        <TextInput
          label="Help text"
          description="Optional: shown under the question."
          value={question.helpText}
          maxLength={questionLimits.helpText}
          onChange={(event) => {
            const helpText = event.currentTarget.value;
            onChange((questions) => updateQuestion(questions, question.key, { helpText }));
          }}
          error={problems?.helpText}
        />
      </Stack>
    </Paper>
  );
}

/** Builds a questionnaire: questions of six types, required or not, with options for choice questions, in order. */
export function QuestionBuilderField({ questions, errors, listError, onChange, onQuestionEdited }: QuestionBuilderFieldProps) {
  function changeQuestion(key: string, change: (current: QuestionDraft[]) => QuestionDraft[]) {
    onChange(change(questions));
    onQuestionEdited(key);
  }
  return (
    <Stack gap="sm">
      {listError && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" data-error="true">
          {listError}
        </Alert>
      )}
      {questions.map((question, index) => (
        <QuestionCard
          key={question.key}
          question={question}
          position={index + 1}
          count={questions.length}
          problems={errors.questions[question.key]}
          onChange={(change) => changeQuestion(question.key, change)}
        />
      ))}
      {questions.length === 0 && (
        <Text size="sm" c="dimmed">
          No questions yet. Add the first one below.
        </Text>
      )}
      <Group>
        <Menu position="bottom-start" withinPortal shadow="md">
          <Menu.Target>
            <Button variant="light" leftSection={<IconPlus size={16} />} disabled={questions.length >= questionLimits.questions}>
              Add question
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Answer type</Menu.Label>
            {questionTypeOptions.map((option) => (
              <Menu.Item key={option.value} onClick={() => onChange(addQuestion(questions, option.value))}>
                {option.label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Text size="xs" c="dimmed">
          {questions.length} of at most {questionLimits.questions}
        </Text>
      </Group>
    </Stack>
  );
}
