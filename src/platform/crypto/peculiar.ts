import { createRequire } from 'node:module';
import type * as X509 from '@peculiar/x509';

export type { X509 };

let loaded: typeof X509 | undefined;

/**
 * @peculiar/x509, loaded on first use: it costs ~150 ms, which server start-up should not pay for a
 * feature most requests never touch. It resolves its algorithm providers through tsyringe, which refuses to
 * load without the Reflect metadata API, so that is installed first. Reach @peculiar/x509 only through here.
 */
export function peculiar(): typeof X509 {
  if (!loaded) {
    const load = createRequire(import.meta.url);
    load('reflect-metadata');
    loaded = load('@peculiar/x509') as typeof X509;
  }
  return loaded;
}
