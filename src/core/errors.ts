// Errors the core raises. Each carries a stable SCREAMING_SNAKE `code` (listed in docs/errors.md);
// every surface maps the class (or code) to its own status and envelope. Core never speaks HTTP.

export interface AppErrorOptions {
  /** Dotted path of the input field at fault, when there is one (`settings.proxy_url`). */
  field?: string | null;
  /** Extra machine-readable detail, safe to show to the caller. */
  context?: Record<string, unknown>;
  /** The lower-level error, for logs only. */
  cause?: unknown;
  /** True when the same call may succeed later unchanged. */
  retryable?: boolean;
}

export class AppError extends Error {
  readonly code: string;
  readonly field: string | null;
  readonly context: Record<string, unknown> | undefined;
  readonly retryable: boolean;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = options.field ?? null;
    this.context = options.context;
    this.retryable = options.retryable ?? false;
  }
}

/** Input is wrong (shape or value). Default code VALIDATION_FAILED. */
export class InvalidError extends AppError {
  constructor(message: string, options: AppErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'VALIDATION_FAILED', message, options);
  }
}

/** No credential, or one that is unknown, revoked or rotated. Deliberately says nothing more. */
export class UnauthorizedError extends AppError {
  constructor(message = 'Missing or invalid API token', options: AppErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'UNAUTHORIZED', message, options);
  }
}

/** The credential is valid but may not do this (e.g. a session key on an account-only operation). */
export class ForbiddenError extends AppError {
  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(code, message, options);
  }
}

/** The content is larger than allowed (e.g. media over its kind's size limit). (Added by H6, media.) */
export class TooLargeError extends AppError {
  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(code, message, options);
  }
}

/** The thing does not exist for this caller. Also used when it exists in another account. */
export class NotFoundError extends AppError {
  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(code, message, options);
  }
}

/** The request conflicts with current state (name taken, illegal state transition). */
export class ConflictError extends AppError {
  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(code, message, options);
  }
}

/** Too many requests; the caller should wait `retryAfterMs`. */
export class RateLimitedError extends AppError {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number, message = 'Rate limit exceeded', options: AppErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'RATE_LIMITED', message, { ...options, retryable: true });
    this.retryAfterMs = retryAfterMs;
  }
}

/** The operation needs a connected WhatsApp session. */
export class NotConnectedError extends AppError {
  constructor(message = 'The session is not connected', options: AppErrorOptions = {}) {
    super('SESSION_NOT_CONNECTED', message, { retryable: true, ...options });
  }
}

/** A dependency (database, WhatsApp, a remote URL) failed. */
export class UpstreamError extends AppError {
  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(code, message, { retryable: true, ...options });
  }
}
