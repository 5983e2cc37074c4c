import { messagePlaceholderDescriptions, type MessagePlaceholder } from '@glowdesk/contracts';
import { Code, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import classes from './placeholder-picker.module.css';

function descriptionOf(name: string): string {
  return name in messagePlaceholderDescriptions ? messagePlaceholderDescriptions[name as MessagePlaceholder] : '';
}

interface PlaceholderPickerProps {
  placeholders: readonly string[];
  /** Which field a click inserts into, e.g. "Email body". */
  targetLabel: string;
  disabled?: boolean;
  onInsert: (name: string) => void;
}

/** The placeholders a template accepts, each with what it becomes; a click inserts it at the caret. */
export function PlaceholderPicker({ placeholders, targetLabel, disabled = false, onInsert }: PlaceholderPickerProps) {
  return (
    <Paper withBorder radius="md" p="sm" bg="gray.0" component="section" aria-label="Placeholders">
      <Text size="sm" fw={600}>
        Placeholders
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {disabled
          ? 'Each is replaced with the appointment’s details when the message is sent.'
          : `Click one to insert it into the ${targetLabel.toLowerCase()} at the cursor.`}{' '}
        Wrap text in {'{{#name}}…{{/name}}'} to show it only when that detail is known.
      </Text>
      <Stack gap={4}>
        {placeholders.map((name) => (
          <UnstyledButton
            key={name}
            className={classes.item}
            disabled={disabled}
            onClick={() => onInsert(name)}
            aria-label={`Insert {{${name}}}: ${descriptionOf(name)}`}
          >
            <Code fz="xs" bg="white">{`{{${name}}}`}</Code>
            <Text size="xs" c="dimmed" mt={2}>
              {descriptionOf(name)}
            </Text>
          </UnstyledButton>
        ))}
      </Stack>
    </Paper>
  );
}
