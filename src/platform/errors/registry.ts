/**
 * Typed error-code registry. Code is the contract: tests assert codes, clients switch on codes,
 * people read the Vietnamese (or English) message looked up from the code.
 */
export interface ErrorSpec {
  readonly status: number;
  readonly vi: string;
  readonly en: string;
}

const registry = new Map<string, ErrorSpec>();

/** Each module defines its codes once; a duplicate code is a programming error caught at start-up. */
export function defineErrors<const T extends Record<string, ErrorSpec>>(specs: T): { [K in keyof T]: K } {
  const codes = {} as { [K in keyof T]: K };
  for (const [code, spec] of Object.entries(specs)) {
    if (registry.has(code) && registry.get(code) !== spec) throw new Error(`Duplicate error code ${code}`);
    registry.set(code, spec);
    (codes as Record<string, string>)[code] = code;
  }
  return codes;
}

export function errorSpec(code: string): ErrorSpec | undefined {
  return registry.get(code);
}

export function allErrorCodes(): ReadonlyMap<string, ErrorSpec> {
  return registry;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    const spec = registry.get(code);
    if (!spec) throw new Error(`Unknown error code ${code}`);
    super(`${code}: ${spec.en}`, options);
    this.name = 'AppError';
    this.status = spec.status;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
