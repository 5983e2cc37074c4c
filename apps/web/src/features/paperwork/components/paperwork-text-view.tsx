import type { PaperworkTextFormat } from '@glowdesk/contracts';
import { Anchor, Text, Typography } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { parsePaperworkText, type PaperworkBlock, type PaperworkInline } from '../paperwork-text.ts';

function renderInline(parts: readonly PaperworkInline[]): ReactNode {
  return parts.map((part, index) => {
    switch (part.type) {
      case 'text':
        return <Fragment key={index}>{part.text}</Fragment>;
      case 'break':
        return <br key={index} />;
      case 'strong':
        return <strong key={index}>{renderInline(part.children)}</strong>;
      case 'emphasis':
        return <em key={index}>{renderInline(part.children)}</em>;
      case 'link':
        return (
          <Anchor key={index} href={part.href} target="_blank" rel="noreferrer noopener">
            {renderInline(part.children)}
          </Anchor>
        );
    }
  });
}

function renderBlock(block: PaperworkBlock, index: number): ReactNode {
  switch (block.type) {
    case 'heading': {
      // Inside a page the form's own title is the heading above these.
      const Heading = (['h3', 'h4', 'h5'] as const)[block.level - 1] ?? 'h5';
      return <Heading key={index}>{renderInline(block.children)}</Heading>;
    }
    case 'paragraph':
      return <p key={index}>{renderInline(block.children)}</p>;
    case 'list': {
      const List = block.ordered ? 'ol' : 'ul';
      return (
        <List key={index}>
          {block.items.map((item, itemIndex) => (
            <li key={itemIndex}>{renderInline(item)}</li>
          ))}
        </List>
      );
    }
  }
}

/** Consent text or instructions as the patient reads them. */
export function PaperworkTextView({ body, format }: { body: string; format: PaperworkTextFormat }) {
  const blocks = parsePaperworkText(body, format);
  if (blocks.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing written yet.
      </Text>
    );
  }
  return (
    <Typography fz="sm" style={{ overflowWrap: 'anywhere' }}>
      {blocks.map(renderBlock)}
    </Typography>
  );
}
