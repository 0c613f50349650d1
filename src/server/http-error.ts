import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../api/errors.js';

/** An expected failure: becomes `{error:{code,message}}` with its status. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(status, { message });
  }
}

export function fail(status: ContentfulStatusCode, code: string, message: string): never {
  throw new ApiError(status, code, message);
}

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

export const unauthorized = (message = 'authentication required'): never => fail(401, 'unauthorized', message);
export const forbidden = (message = 'not allowed'): never => fail(403, 'forbidden', message);
export const notFound = (what: string): never => fail(404, 'not_found', `${what} not found`);
export const conflict = (message: string): never => fail(409, 'conflict', message);
export const badRequest = (message: string, code = 'invalid_request'): never => fail(400, code, message);
export const tooLarge = (message: string): never => fail(413, 'payload_too_large', message);
