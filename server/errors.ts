import { ERROR_MESSAGES, type ErrorCode } from '../types/errors'

/** An outcome the client caused and can act on; anything else is a bug and becomes a 500 without details. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERROR_MESSAGES[code])
  }
}

export const notFound = (message?: string) => new AppError(404, 'NOT_FOUND', message)
export const forbidden = (message?: string) => new AppError(403, 'FORBIDDEN', message)
