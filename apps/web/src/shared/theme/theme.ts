import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** A calm sage-teal; shade 7 keeps white text above 4.5:1 contrast (WCAG AA). */
const lagoon: MantineColorsTuple = [
  '#ecf7f5',
  '#d8eeea',
  '#b0ddd5',
  '#84cbbf',
  '#60bbac',
  '#4aa999',
  '#3b968a',
  '#2f7f76',
  '#256a62',
  '#1a544e',
];

/** A soft blush used sparingly for the brand mark and highlights. */
const blush: MantineColorsTuple = [
  '#fdf2ee',
  '#f8e1d9',
  '#f0c2b2',
  '#e8a389',
  '#e18867',
  '#dd7651',
  '#db6d45',
  '#c25b36',
  '#ad502f',
  '#984325',
];

const systemFont = 'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif';

export const glowdeskTheme = createTheme({
  primaryColor: 'lagoon',
  primaryShade: 7,
  colors: { lagoon, blush },
  fontFamily: systemFont,
  headings: { fontFamily: systemFont, fontWeight: '600' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } },
    Tooltip: { defaultProps: { withArrow: true, multiline: true, maw: 320 } },
    Modal: { defaultProps: { centered: true, radius: 'md', closeButtonProps: { 'aria-label': 'Close' } } },
    // A drawer never grows wider than the screen, so on a phone its close button stays in view.
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } }, styles: { content: { maxWidth: '100vw' } } },
    // Choosing the option already chosen keeps it; a field that may be emptied says so with `clearable`.
    Select: { defaultProps: { allowDeselect: false } },
  },
});
