import type { PaperworkAnswer, PaperworkAnswers, PaperworkQuestion, PortalPaperworkItem } from '@glowdesk/contracts';
import { Alert, Button, Checkbox, Flex, Group, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { useSavePaperworkAnswers } from '../api/portal-paperwork.ts';
import { useCurrentPractice } from '../layout/current-practice.ts';

function isAnswered(answer: PaperworkAnswer | undefined): boolean {
  if (answer === undefined || answer === null) return false;
  if (typeof answer === 'string') return answer.trim().length > 0;
  if (Array.isArray(answer)) return answer.length > 0;
  return true;
}

function QuestionField({
  question,
  answer,
  error,
  readOnly,
  onChange,
}: {
  question: PaperworkQuestion;
  answer: PaperworkAnswer | undefined;
  error: string | undefined;
  readOnly: boolean;
  onChange: (answer: PaperworkAnswer) => void;
}) {
  const common = { label: question.label, description: question.helpText ?? undefined, required: question.required, error };
  switch (question.type) {
    case 'short_text':
      return (
        <TextInput
          {...common}
          readOnly={readOnly}
          value={typeof answer === 'string' ? answer : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'long_text':
      return (
        <Textarea
          {...common}
          readOnly={readOnly}
          autosize
          minRows={3}
          value={typeof answer === 'string' ? answer : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          readOnly={readOnly}
          value={typeof answer === 'string' ? answer : ''}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'yes_no':
      return (
        <Radio.Group
          {...common}
          value={answer === true ? 'yes' : answer === false ? 'no' : ''}
          onChange={(value) => onChange(value === 'yes')}
        >
          <Group mt={6} gap="lg">
            <Radio value="yes" label="Yes" disabled={readOnly} />
            <Radio value="no" label="No" disabled={readOnly} />
          </Group>
        </Radio.Group>
      );
    case 'single_choice':
      return (
        <Radio.Group {...common} value={typeof answer === 'string' ? answer : ''} onChange={onChange}>
          <Stack mt={6} gap="xs">
            {question.options.map((option) => (
              <Radio key={option} value={option} label={option} disabled={readOnly} />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multiple_choice':
      return (
        <Checkbox.Group {...common} value={Array.isArray(answer) ? answer : []} onChange={onChange}>
          <Stack mt={6} gap="xs">
            {question.options.map((option) => (
              <Checkbox key={option} value={option} label={option} disabled={readOnly} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    default: {
      const unknown: never = question.type;
      throw new Error(`unknown question type ${String(unknown)}`);
    }
  }
}

/**
 * A questionnaire to fill in: "Save and finish later" keeps a draft; Submit checks the
 * required answers (here and on the server) and makes it Filled, after which it is read-only.
 */
export function QuestionnaireForm({ item, onDone }: { item: PortalPaperworkItem; onDone: (message: string) => void }) {
  const practice = useCurrentPractice();
  const save = useSavePaperworkAnswers(practice.slug);
  const [answers, setAnswers] = useState<PaperworkAnswers>(item.answers);
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const readOnly = item.submittedAt !== null;
  const problem = isApiProblem(save.error) ? save.error : undefined;

  function send(submit: boolean) {
    if (submit) {
      const unanswered = new Set(
        item.content.questions.filter((question) => question.required && !isAnswered(answers[question.id])).map((question) => question.id),
      );
      setMissing(unanswered);
      if (unanswered.size > 0) return;
    }
    save.mutate(
      { assignmentId: item.id, answers, submit },
      {
        onSuccess: () =>
          onDone(submit ? `${item.name} is filled in. Thank you.` : `Your answers to ${item.name} are saved. You can finish later.`),
      },
    );
  }

  return (
    <Stack gap="md">
      {item.content.description && <Text size="sm">{item.content.description}</Text>}
      {item.content.questions.map((question) => (
        <QuestionField
          key={question.id}
          question={question}
          answer={answers[question.id]}
          readOnly={readOnly}
          error={missing.has(question.id) ? 'Answer this question.' : problem?.messageFor(`answers.${question.id}`)}
          onChange={(answer) => setAnswers((current) => ({ ...current, [question.id]: answer }))}
        />
      ))}
      {missing.size > 0 && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          Answer the questions marked above before you submit.
        </Alert>
      )}
      {problem && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          {problem.detail}
        </Alert>
      )}
      {!readOnly && (
        <Flex direction={{ base: 'column-reverse', xs: 'row' }} justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => send(false)} loading={save.isPending && save.variables.submit === false}>
            Save and finish later
          </Button>
          <Button onClick={() => send(true)} loading={save.isPending && save.variables.submit === true}>
            Submit
          </Button>
        </Flex>
      )}
    </Stack>
  );
}
