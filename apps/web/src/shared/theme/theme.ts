import { createTheme, DEFAULT_THEME, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** A calm sage-teal; shade 7 keeps white text above 4.5:1 contrast (WCAG AA), and itself above 4.5:1 on the page. */
const lagoon: MantineColorsTuple = [
  '#ecf7f5',
  '#d8eeea',
  '#b0ddd5',
  '#84cbbf',
  '#60bbac',
  '#4aa999',
  '#3b968a',
  '#2e7b73',
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
  '#b25432',
  '#9d492b',
  '#833a20',
];

/**
 * Mantine's palette with shades 7–9 darkened (same hue) until text passes WCAG AA: shade 7
 * is the filled colour (white text on it) and the colour of `c="red"` text, at least 4.5:1 on
 * white and on the page background; shade 8 is for text, at least 5.5:1; shade 9 is the
 * text of light badges and alerts, at least 5:1 on their shade-1 background. Mantine's own
 * shades 7 of yellow, orange, green and teal are near 2–3:1.
 */
function readable(base: MantineColorsTuple, [seven, eight, nine]: [string, string, string]): MantineColorsTuple {
  return [base[0], base[1], base[2], base[3], base[4], base[5], base[6], seven, eight, nine];
}

const readableColors = {
  red: readable(DEFAULT_THEME.colors.red, ['#df1111', '#c11d1d', '#a52323']),
  orange: readable(DEFAULT_THEME.colors.orange, ['#bb4e05', '#a94109', '#9d340b']),
  yellow: readable(DEFAULT_THEME.colors.yellow, ['#996300', '#8f5300', '#8a4700']),
  green: readable(DEFAULT_THEME.colors.green, ['#277f37', '#227131', '#1f652d']),
  teal: readable(DEFAULT_THEME.colors.teal, ['#097e5b', '#077050', '#076449']),
  blue: readable(DEFAULT_THEME.colors.blue, ['#1972c2', '#1664ab', '#145490']),
  cyan: readable(DEFAULT_THEME.colors.cyan, ['#0d7b8c', '#0a6c7d', '#096070']),
  lime: readable(DEFAULT_THEME.colors.lime, ['#4d7b0f', '#426d0a', '#3e6209']),
  pink: readable(DEFAULT_THEME.colors.pink, ['#d02a64', '#b92358', '#9d1c49']),
};

const systemFont = 'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif';

export const glowdeskTheme = createTheme({
  primaryColor: 'lagoon',
  primaryShade: 7,
  colors: { ...readableColors, lagoon, blush },
  fontFamily: systemFont,
  headings: { fontFamily: systemFont, fontWeight: '600' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Table: { defaultProps: { verticalSpacing: 'sm', horizontalSpacing: 'md' } },
    // The focus placeholder is a focusable child of role="menu" that is not a menu item (axe: aria-required-children).
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
    Tooltip: { defaultProps: { withArrow: true, multiline: true, maw: 320 } },
    Modal: { defaultProps: { centered: true, radius: 'md', closeButtonProps: { 'aria-label': 'Close' } } },
    // A drawer never grows wider than the screen, so on a phone its close button stays in view.
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } }, styles: { content: { maxWidth: '100vw' } } },
    // A toast's close button is an icon: without a name, screen readers announce only "button".
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } } },
    // Choosing the option already chosen keeps it; a field that may be emptied says so with `clearable`.
    Select: { defaultProps: { allowDeselect: false } },
  },
});

/**
 * Text colours Mantine takes from light palette shades, made readable (WCAG AA, 4.5:1):
 * secondary ("dimmed") text was gray 6 (#868e96, about 3.1:1 on our page background) and is
 * #5c6670, above 4.5:1 on white, the page background and the light grey and tinted panels;
 * placeholders (gray 5, 2.1:1) are #6c757d on the inputs' white; error messages (red 6) use
 * red 8.
 */
export const glowdeskCssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c6670',
    '--mantine-color-placeholder': '#6c757d',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: {},
});
