import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';

/** Looks like a link, is a button: it opens something on this page (a dialog), not another address. */
export function LinkButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return (
    <Anchor component="button" type="button" size="sm" ta="left" className="cpdt-wrap" onClick={onClick}>
      {children}
    </Anchor>
  );
}
