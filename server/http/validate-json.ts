import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { apiError } from './api-error';

/**
 * Validates a JSON body against a schema from shared/. Anything else — no JSON content type,
 * a wrong type, a missing or extra field — is a 400 that names the fields at fault.
 */
export function validateJson<T extends ZodType>(schema: T) {
  return zValidator('json', schema, (result, c) => {
    if (!result.success) {
      const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || '(body)'))];
      return apiError(c, 400, 'invalid_request', { fields });
    }
  });
}
