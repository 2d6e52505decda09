/**
 * Operational failures: things that go wrong around the content, not in it.
 *
 * Problems in user content are never thrown; they are collected as vfile
 * messages (see `diagnostics.ts`). These errors are for a missing project, a
 * missing browser, a print that failed, and the like. Each has a stable code
 * that the CLI maps to a documented exit code.
 */

/** Stable error codes. Never rename one once published. */
export type ErrorCode =
  | 'NOT_FOUND_PROJECT'
  | 'INVALID_OPTION'
  | 'TEMPLATE_ERROR'
  | 'WRITE_FAILED'
  | 'NOT_FOUND_BROWSER'
  | 'PRINT_FAILED'
  | 'PRINT_TIMEOUT'
  | 'INVALID_PROJECT'

/** Exit codes used by the CLI. 1 is reserved for content errors found by `check`. */
export const exitCodes: Readonly<Record<ErrorCode, number>> = {
  INVALID_OPTION: 2,
  NOT_FOUND_PROJECT: 3,
  TEMPLATE_ERROR: 3,
  WRITE_FAILED: 3,
  /** A project that must pass `check` (one side of `diff`) has content errors. */
  INVALID_PROJECT: 3,
  NOT_FOUND_BROWSER: 4,
  PRINT_FAILED: 5,
  PRINT_TIMEOUT: 5,
}

/** A typed operational error with a code, and a hint telling the user what to do. */
export class ScorecardError extends Error {
  override readonly name = 'ScorecardError'
  readonly code: ErrorCode
  readonly hint: string | undefined

  constructor(code: ErrorCode, message: string, options: {cause?: unknown; hint?: string} = {}) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause})
    this.code = code
    this.hint = options.hint
  }

  /** The exit code the CLI uses for this error. */
  get exitCode(): number {
    return exitCodes[this.code]
  }
}
