export interface TextSelection {
  start: number;
  end: number;
}

export interface InsertedPlaceholder {
  text: string;
  /** Where the caret goes: just after what was inserted. */
  caret: number;
}

/**
 * Puts `{{name}}` where the caret is, replacing any selected text. With `asSection`, the
 * selection is kept and wrapped in `{{#name}}…{{/name}}`, so it shows only when the
 * placeholder has a value. A selection outside the text (a stale caret) is clamped to it.
 */
export function insertPlaceholder(text: string, selection: TextSelection, name: string, { asSection = false } = {}): InsertedPlaceholder {
  const start = Math.min(Math.max(0, Math.min(selection.start, selection.end)), text.length);
  const end = Math.min(Math.max(start, Math.max(selection.start, selection.end)), text.length);
  const inserted = asSection ? `{{#${name}}}${text.slice(start, end)}{{/${name}}}` : `{{${name}}}`;
  return { text: text.slice(0, start) + inserted + text.slice(end), caret: start + inserted.length };
}
