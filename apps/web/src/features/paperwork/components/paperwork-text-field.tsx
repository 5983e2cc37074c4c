import type { PaperworkTextFormat } from '@glowdesk/contracts';
import { Box, Group, Input, Paper, SegmentedControl, Tabs, Text, Textarea } from '@mantine/core';
import { useId, useState } from 'react';
import { PaperworkTextView } from './paperwork-text-view.tsx';

interface PaperworkTextFieldProps {
  label: string;
  description: string;
  placeholder: string;
  body: string;
  format: PaperworkTextFormat;
  error: string | undefined;
  onBodyChange: (body: string) => void;
  onFormatChange: (format: PaperworkTextFormat) => void;
}

const formattingHelp =
  '**bold**, *italic*, # Heading, - list item, 1. numbered item, [link text](https://…). A blank line starts a new paragraph.';

/** Consent text or instructions: typed as plain text or with light formatting, with a preview of what the patient sees. */
export function PaperworkTextField({
  label,
  description,
  placeholder,
  body,
  format,
  error,
  onBodyChange,
  onFormatChange,
}: PaperworkTextFieldProps) {
  const [tab, setTab] = useState<string | null>('write');
  const id = useId();
  const formatLabelId = `${id}-format`;
  const descriptionId = `${id}-description`;
  return (
    <Box>
      <Group justify="space-between" align="flex-end" mb={6} gap="sm">
        <div>
          <Input.Label required htmlFor={id}>
            {label}
          </Input.Label>
          <Input.Description id={descriptionId}>{description}</Input.Description>
        </div>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" id={formatLabelId}>
            Format
          </Text>
          <SegmentedControl<PaperworkTextFormat>
            aria-labelledby={formatLabelId}
            size="xs"
            value={format}
            onChange={onFormatChange}
            data={[
              { value: 'plain', label: 'Plain text' },
              { value: 'markdown', label: 'Formatted' },
            ]}
          />
        </Group>
      </Group>
      <Tabs value={tab} onChange={setTab} variant="outline" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="write">Write</Tabs.Tab>
          <Tabs.Tab value="preview">Preview</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            id={id}
            aria-describedby={descriptionId}
            placeholder={placeholder}
            autosize
            minRows={8}
            maxRows={22}
            value={body}
            onChange={(event) => onBodyChange(event.currentTarget.value)}
            error={error}
            styles={{ input: { fontFamily: format === 'markdown' ? 'var(--mantine-font-family-monospace)' : undefined } }}
          />
          <Text size="xs" c="dimmed" mt={4}>
            {format === 'markdown' ? `Formatting: ${formattingHelp}` : 'Shown exactly as typed, line by line.'}
          </Text>
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs">
          <Paper withBorder radius="md" p="md" mih={120} aria-label={`${label} as the patient sees it`} role="region">
            <PaperworkTextView body={body} format={format} />
          </Paper>
          {error && (
            <Text size="xs" c="red.7" mt={4} role="alert">
              {error}
            </Text>
          )}
        </Tabs.Panel>
      </Tabs>
    </Box>
  );
}
