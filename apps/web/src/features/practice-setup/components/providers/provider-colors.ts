/** Calendar colors that stay apart from each other and carry white text (the appointment book draws on them). */
export const providerPalette: readonly { hex: string; name: string }[] = [
  { hex: '#2f7f76', name: 'Lagoon' },
  { hex: '#2563eb', name: 'Blue' },
  { hex: '#4f46e5', name: 'Indigo' },
  { hex: '#7c3aed', name: 'Violet' },
  { hex: '#a21caf', name: 'Fuchsia' },
  { hex: '#db2777', name: 'Pink' },
  { hex: '#e11d48', name: 'Rose' },
  { hex: '#c2410c', name: 'Orange' },
  { hex: '#a16207', name: 'Amber' },
  { hex: '#15803d', name: 'Green' },
  { hex: '#0e7490', name: 'Cyan' },
  { hex: '#475569', name: 'Slate' },
];

/** The first palette color no provider uses yet, so a new provider stands out on the book. */
export function unusedProviderColor(usedColors: readonly string[]): string {
  const used = new Set(usedColors.map((color) => color.toLowerCase()));
  return (providerPalette.find((color) => !used.has(color.hex)) ?? providerPalette[0] ?? { hex: '#2f7f76' }).hex;
}
