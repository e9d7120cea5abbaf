import { Badge, createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** Deep government red; shade 7 (#b91c1c) carries white text at 6.5:1 (WCAG AA, also AAA for large text). */
const brand: MantineColorsTuple = [
  '#fef2f2',
  '#fee2e2',
  '#fecaca',
  '#fca5a5',
  '#f87171',
  '#ef4444',
  '#dc2626',
  '#b91c1c',
  '#991b1b',
  '#7f1d1d',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  colors: { brand },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", sans-serif',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    // Sentence case reads better than capitals, in Vietnamese especially.
    Badge: Badge.extend({ styles: { root: { textTransform: 'none' } } }),
  },
});

/**
 * Text on "light" variants (badges, alerts) is shade 9 on shade 1; for these palettes that is below
 * 4.5:1, so they get a darker text colour (each ≥ 6:1 on its shade 1 and 2).
 */
const LIGHT_TEXT: Record<string, string> = {
  green: '#1b5e20',
  yellow: '#5c4700',
  orange: '#8a3200',
  teal: '#0b5c52',
  lime: '#3f5f00',
  red: '#a51d1d',
  cyan: '#0b5566',
  blue: '#1450a0',
};

/**
 * Mantine's dimmed text (gray-6) and error red (red-6) fall below 4.5:1 on white; darker shades keep
 * every text colour at WCAG AA.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-brand-8)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    ...Object.fromEntries(
      Object.entries(LIGHT_TEXT).map(([color, text]) => [`--mantine-color-${color}-light-color`, text]),
    ),
  },
  dark: {},
});
