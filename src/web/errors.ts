/** Thrown (or passed to next) when a record does not exist or belongs to another council: always a 404. */
export class NotFoundError extends Error {
  constructor(message = 'Not found') {
    super(message)
  }
}

/** The user may see this council but their role does not allow the action. */
export class ForbiddenError extends Error {
  constructor(message = 'Forbidden') {
    super(message)
  }
}

/** A request no page could have sent (e.g. a tampered hidden field): the 400 page. */
export class BadRequestError extends Error {
  readonly status = 400
  constructor(message = 'What you sent could not be read.') {
    super(message)
  }
}
