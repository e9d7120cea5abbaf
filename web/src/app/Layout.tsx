import { AppShell } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MfaGate } from '../features/identity/mfa/MfaGate.js';
import { AppHeader } from './AppHeader.js';
import { AppNavbar } from './AppNavbar.js';
import { SkipLink } from './SkipLink.js';
import { useIsPhone } from './useIsPhone.js';

const MAIN_ID = 'main-content';
const NAV_ID = 'main-navigation';

/** After a client-side navigation, put the focus on the new content, as a page load would. */
function useFocusMainOnNavigate(pathname: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById(MAIN_ID)?.focus();
  }, [pathname]);
}

/** The shell: skip link, header, module navigation and the routed page. */
export function Layout() {
  const { t } = useTranslation();
  const [navOpened, nav] = useDisclosure(false);
  const phone = useIsPhone();
  const { pathname } = useLocation();
  const closeNav = nav.close; // stable across renders, unlike the handlers object
  useEffect(() => closeNav(), [pathname, closeNav]);
  useFocusMainOnNavigate(pathname);
  const onNavKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !phone || !navOpened) return;
    closeNav();
    document.querySelector<HTMLElement>(`[aria-controls="${NAV_ID}"]`)?.focus();
  };
  return (
    <>
      <SkipLink targetId={MAIN_ID} />
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding={{ base: 'sm', sm: 'lg' }}
      >
        <AppShell.Header bg="brand.7" withBorder={false}>
          <AppHeader navOpened={navOpened} onToggleNav={nav.toggle} navId={NAV_ID} />
        </AppShell.Header>
        <AppShell.Navbar
          id={NAV_ID}
          aria-label={t('nav.label')}
          // A closed drawer is off screen: keep it out of the Tab order and the accessibility tree too.
          inert={phone && !navOpened}
          onKeyDown={onNavKeyDown}
        >
          <AppNavbar />
        </AppShell.Navbar>
        <AppShell.Main id={MAIN_ID} tabIndex={-1}>
          <MfaGate>
            <Outlet />
          </MfaGate>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
