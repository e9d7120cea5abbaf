import { useEffect, useRef } from 'react';
import { ErrorAlert } from './ErrorAlert.js';

/**
 * The server's coded error under a form, brought into view and focused: in a long form on a phone it
 * would otherwise appear below the fold, and the button that was pressed is disabled while it waits, which
 * drops keyboard focus to the page behind.
 */
export function FormError({ error }: { error: unknown }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!error || !box.current) return;
    box.current.scrollIntoView({ block: 'nearest' });
    box.current.focus({ preventScroll: true });
  }, [error]);
  return (
    <div ref={box} tabIndex={-1} style={{ outline: 'none' }}>
      {error ? <ErrorAlert error={error} /> : null}
    </div>
  );
}
