/**
 * The failures a domain function may report. Route handlers never build error responses
 * themselves: lib/http maps these to status codes in one place.
 */
export type ErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "validation_failed"
  | "rate_limited"
  | "payload_too_large"
  | "unavailable";

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { field?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Malformed syntax: a body that is not JSON, a missing required header. */
export class BadRequest extends DomainError {
  constructor(message: string, field?: string) {
    super("bad_request", message, { field });
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = "Sign in, or send an API token as `Authorization: Bearer <token>`.") {
    super("unauthenticated", message);
  }
}

export class Forbidden extends DomainError {
  constructor(message: string) {
    super("forbidden", message);
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super("not_found", `${what} was not found.`);
  }
}

export class Conflict extends DomainError {
  constructor(message: string, field?: string) {
    super("conflict", message, { field });
  }
}

export class ValidationFailed extends DomainError {
  constructor(message: string, field?: string) {
    super("validation_failed", message, { field });
  }
}

export class RateLimited extends DomainError {
  constructor(message: string, retryAfterSeconds: number) {
    super("rate_limited", message, { retryAfterSeconds });
  }
}

export class PayloadTooLarge extends DomainError {
  constructor(limitBytes: number) {
    super("payload_too_large", `The request body is larger than ${limitBytes} bytes.`);
  }
}

export class Unavailable extends DomainError {
  constructor(message: string, retryAfterSeconds?: number) {
    super("unavailable", message, { retryAfterSeconds });
  }
}
