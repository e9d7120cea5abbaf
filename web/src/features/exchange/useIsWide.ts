import { useMediaQuery } from '@mantine/hooks';

/**
 * Wide enough for a document table beside the navigation (75em): a 768 px tablet has under 500 px left
 * for the page, so it gets the cards a phone gets, and nothing scrolls sideways.
 */
export const WIDE_QUERY = '(min-width: 75em)';

export function useIsWide(): boolean {
  return useMediaQuery(WIDE_QUERY, false, { getInitialValueInEffect: false });
}
