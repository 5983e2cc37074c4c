import { formatMinutes } from './clinic-time.ts';

/** How much a card has room to show: one line (under 30 minutes), two lines (30 minutes), or the full card. */
export type CardLayout = 'line' | 'compact' | 'full';

export function cardLayoutFor(heightPx: number): CardLayout {
  return heightPx < 36 ? 'line' : heightPx < 54 ? 'compact' : 'full';
}

/** A full card at least this tall shows its status and the patient's membership tiers in words. */
export const CARD_FOOTER_MIN_PX = 76;

/** Whether the card writes out its footer (membership tiers, then the status). */
export function showsFooter(layout: CardLayout, heightPx: number): boolean {
  return layout === 'full' && heightPx >= CARD_FOOTER_MIN_PX;
}

export interface CardLabelParts {
  startMin: number;
  endMin: number;
  outOfOffice: boolean;
  /** The status as words ("Booked"). */
  status: string;
  layout: CardLayout;
  /** The card is tall enough for its footer (see showsFooter). */
  footer: boolean;
  title: string | null;
  services: string;
  /** The words of the card's icons, in the order they show. */
  flags: readonly string[];
  /** The patient's membership tier names, in the order their badges show. */
  tiers: readonly string[];
}

/**
 * The card's accessible name begins with the words the card shows, in the order it shows them
 * (WCAG 2.5.3: someone using speech input says what they see), then adds what does not fit.
 * A narrow card hides words only from its start or its end (see time-grid.module.css), so the
 * words still on show stay next to each other in the name.
 */
export function describeCard(parts: CardLabelParts): string {
  const { layout, outOfOffice, footer } = parts;
  const start = formatMinutes(parts.startMin);
  const end = formatMinutes(parts.endMin);
  const shown =
    layout === 'full'
      ? [`${start} – ${end}`, parts.title, parts.services, ...(footer ? parts.tiers : [])]
      : layout === 'compact'
        ? [start, parts.title, parts.services]
        : [start, parts.title, outOfOffice ? null : parts.services];
  const rest = [
    ...(outOfOffice ? (layout === 'line' ? ['Out of office'] : []) : [parts.status]),
    ...(layout === 'full' ? [] : [`until ${end}`]),
    ...parts.flags,
    ...(footer ? [] : parts.tiers.map((tier) => `${tier} member`)),
  ];
  return [...shown, ...rest].filter((part): part is string => Boolean(part)).join(', ');
}
