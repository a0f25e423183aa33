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

  /**
   * The same error naming its field in another vocabulary: the core names fields as its commands do
   * (`replyTo`), a surface as its bodies do (`reply_to`). A message that starts with the old field
   * name starts with the new one.
   */
  withField(field: string): this {
    const old = this.field;
    const message =
      old && this.message.startsWith(`${old}:`) ? `${field}${this.message.slice(old.length)}` : this.message;
    const copy = Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this, { field, message });
    copy.stack = this.stack;
    if (this.cause !== undefined) copy.cause = this.cause;
    return copy;
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
  constructor(
    retryAfterMs: number,
    message = 'Rate limit exceeded',
    options: AppErrorOptions & { code?: string } = {},
  ) {
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

/**
 * The engine's connection to WhatsApp went away under an operation (closed, reset, broken pipe,
 * socket not open, no answer in time). The engine adapter maps every such driver error to this one
 * class, so the runtime can tell "try again on the next connection" from "this message is bad":
 * a connection-level failure never fails a message, it goes back to the queue.
 */
export class ConnectionLostError extends NotConnectedError {
  constructor(message = 'The connection to WhatsApp was lost', options: AppErrorOptions = {}) {
    super(message, options);
  }
}

/** A dependency (database, WhatsApp, a remote URL) failed. */
export class UpstreamError extends AppError {
  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(code, message, { retryable: true, ...options });
  }
}

/** An AppError as plain data, to cross a process (SessionRouter results). */
export interface AppErrorJson {
  name: string;
  code: string;
  message: string;
  field: string | null;
  context?: Record<string, unknown>;
  retryable: boolean;
  retryAfterMs?: number;
}

const ERROR_CLASSES: Record<string, typeof AppError> = {
  AppError,
  InvalidError,
  UnauthorizedError,
  ForbiddenError,
  TooLargeError,
  NotFoundError,
  ConflictError,
  RateLimitedError,
  NotConnectedError,
  UpstreamError,
} as unknown as Record<string, typeof AppError>;

export function appErrorToJson(err: AppError): AppErrorJson {
  return {
    name: err.name,
    code: err.code,
    message: err.message,
    field: err.field,
    retryable: err.retryable,
    ...(err.context ? { context: err.context } : {}),
    ...(err instanceof RateLimitedError ? { retryAfterMs: err.retryAfterMs } : {}),
  };
}

/** The same class of error again (surfaces map the class to a status), with the same fields. */
export function appErrorFromJson(json: AppErrorJson): AppError {
  const cls = ERROR_CLASSES[json.name] ?? AppError;
  const err = Object.create(cls.prototype) as AppError;
  Object.assign(err, {
    name: json.name,
    code: json.code,
    message: json.message,
    field: json.field,
    context: json.context,
    retryable: json.retryable,
    ...(json.retryAfterMs !== undefined ? { retryAfterMs: json.retryAfterMs } : {}),
  });
  err.stack = `${json.name}: ${json.message}\n    (raised by the session's holder)`;
  return err;
}
