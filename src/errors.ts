/** A problem to report to the client as RFC 9457 problem+json. Domain code throws these; `app.onError` maps. */
export interface ProblemItem {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
  get type(): string {
    return `https://qinglian.dev/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly errors: ProblemItem[],
    detail = `${errors.length} problem${errors.length === 1 ? '' : 's'} in the request`,
  ) {
    super(400, 'Validation Failed', detail, { errors });
  }
}

export class UnauthorizedError extends DomainError {
  constructor(detail = 'a valid bearer token is required') {
    super(401, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends DomainError {
  constructor(detail = 'your role may not use this route') {
    super(403, 'Forbidden', detail);
  }
}

/** Also used for objects the caller may not see: never reveal that they exist. */
export class NotFoundError extends DomainError {
  constructor(what: string) {
    super(404, 'Not Found', `${what} not found`);
  }
}

export class ConflictError extends DomainError {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(409, 'Conflict', detail, extra);
  }
}

export class PreconditionFailedError extends DomainError {
  constructor(detail = 'the record changed since you read it (If-Match does not match its ETag)') {
    super(412, 'Precondition Failed', detail);
  }
}

export class PreconditionRequiredError extends DomainError {
  constructor(detail = 'send If-Match with the ETag you read, so a concurrent change is not overwritten') {
    super(428, 'Precondition Required', detail);
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(limit: number) {
    super(413, 'Payload Too Large', `the request body exceeds ${limit} bytes`);
  }
}

/** A request that is well-formed but breaks a rule of the plan; names the rule and its article. */
export class RuleViolationError extends DomainError {
  constructor(
    detail: string,
    readonly violations: { rule: string; article: string; message: string; staffNo?: string }[],
  ) {
    super(422, 'Rule Violation', detail, { violations });
  }
}

export class UnprocessableError extends DomainError {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(422, 'Unprocessable Content', detail, extra);
  }
}

export class ServiceUnavailableError extends DomainError {
  constructor(detail = 'the database is not reachable; try again shortly') {
    super(503, 'Service Unavailable', detail);
  }
}
