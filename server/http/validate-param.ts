import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { apiError } from './api-error';

/** Validates a route's path parameters against a schema from shared/: a 400 naming them otherwise. */
export function validateParam<T extends ZodType>(schema: T) {
  return zValidator('param', schema, (result, c) => {
    if (!result.success) {
      const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(path)'))];
      return apiError(c, 400, 'invalid_request', { fields });
    }
  });
}
