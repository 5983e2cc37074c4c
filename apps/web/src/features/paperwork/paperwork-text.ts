import type { PaperworkTextFormat } from '@glowdesk/contracts';

/**
 * Consent text and instructions are stored as typed, in one of two formats
 * (packages/contracts/src/paperwork.ts): `plain` keeps every line break; `markdown` is a small
 * subset — paragraphs, `# headings`, `- lists` and `1. lists`, `**bold**`, `*italic*` and
 * `[links](https://…)`. This reads either into blocks that render without raw HTML, so nothing
 * typed can run as markup.
 */
export type PaperworkInline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: PaperworkInline[] }
  | { type: 'emphasis'; children: PaperworkInline[] }
  | { type: 'link'; href: string; children: PaperworkInline[] }
  | { type: 'break' };

export type PaperworkBlock =
  | { type: 'heading'; level: 1 | 2 | 3; children: PaperworkInline[] }
  | { type: 'paragraph'; children: PaperworkInline[] }
  | { type: 'list'; ordered: boolean; items: PaperworkInline[][] };

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
const LINK = /^\[([^\]\n]+)\]\(([^)\s]+)\)/;
const ESCAPABLE = new Set(['\\', '*', '_', '[', ']', '(', ')', '#', '-']);
const HEADING = /^(#{1,3})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

function isWordCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\p{L}\p{N}]/u.test(character);
}

/** Reads `**bold**`, `*italic*`, `_italic_`, `[text](url)` and `\*` escapes; anything unmatched stays as typed. */
export function parseInline(text: string): PaperworkInline[] {
  const result: PaperworkInline[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') result.push({ type: 'text', text: plain });
    plain = '';
  };
  let index = 0;
  while (index < text.length) {
    const character = text.charAt(index);
    if (character === '\\' && ESCAPABLE.has(text.charAt(index + 1))) {
      plain += text.charAt(index + 1);
      index += 2;
      continue;
    }
    if (text.startsWith('**', index)) {
      const close = text.indexOf('**', index + 2);
      if (close > index + 2 && text.charAt(index + 2) !== ' ') {
        flush();
        result.push({ type: 'strong', children: parseInline(text.slice(index + 2, close)) });
        index = close + 2;
        continue;
      }
    }
    if ((character === '*' || character === '_') && text.charAt(index + 1) !== character) {
      // An underscore inside a word (snake_case) is not emphasis.
      const opens = character === '*' || !isWordCharacter(text.charAt(index - 1));
      const close = text.indexOf(character, index + 1);
      const closes = close > index + 1 && (character === '*' || !isWordCharacter(text.charAt(close + 1)));
      if (opens && closes && text.charAt(index + 1) !== ' ' && text.charAt(close - 1) !== ' ') {
        flush();
        result.push({ type: 'emphasis', children: parseInline(text.slice(index + 1, close)) });
        index = close + 1;
        continue;
      }
    }
    if (character === '[') {
      const link = LINK.exec(text.slice(index));
      if (link && SAFE_LINK.test(link[2] ?? '')) {
        flush();
        result.push({ type: 'link', href: link[2] ?? '', children: parseInline(link[1] ?? '') });
        index += link[0].length;
        continue;
      }
    }
    plain += character;
    index += 1;
  }
  flush();
  return result;
}

/** Lines of one paragraph, each line break kept (people type instructions line by line). */
function inlineWithBreaks(lines: readonly string[], parse: (line: string) => PaperworkInline[]): PaperworkInline[] {
  return lines.flatMap((line, index) => (index === 0 ? parse(line) : [{ type: 'break' as const }, ...parse(line)]));
}

function plainText(line: string): PaperworkInline[] {
  return line === '' ? [] : [{ type: 'text', text: line }];
}

function parsePlain(body: string): PaperworkBlock[] {
  return body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => ({ type: 'paragraph', children: inlineWithBreaks(paragraph.split('\n'), plainText) }));
}

function parseMarkdown(body: string): PaperworkBlock[] {
  const blocks: PaperworkBlock[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: PaperworkInline[][] } | null = null;
  const endParagraph = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: inlineWithBreaks(paragraph, parseInline) });
    paragraph = [];
  };
  const endList = () => {
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items });
    list = null;
  };

  for (const rawLine of body.split('\n')) {
    const line = rawLine.trimEnd();
    if (line.trim() === '') {
      endParagraph();
      endList();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      endParagraph();
      endList();
      const level = Math.min(3, heading[1]?.length ?? 1) as 1 | 2 | 3;
      blocks.push({ type: 'heading', level, children: parseInline(heading[2] ?? '') });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      endParagraph();
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) endList();
      list ??= { ordered, items: [] };
      list.items.push(parseInline(item[1] ?? ''));
      continue;
    }
    if (list && /^\s+/.test(rawLine) && list.items.length > 0) {
      // An indented line continues the list item above it.
      const last = list.items[list.items.length - 1] ?? [];
      last.push({ type: 'break' }, ...parseInline(line.trim()));
      continue;
    }
    endList();
    paragraph.push(line);
  }
  endParagraph();
  endList();
  return blocks;
}

export function parsePaperworkText(body: string, format: PaperworkTextFormat): PaperworkBlock[] {
  const normalized = body.replace(/\r\n?/g, '\n');
  return format === 'markdown' ? parseMarkdown(normalized) : parsePlain(normalized);
}
