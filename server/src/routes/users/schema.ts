import { z } from 'zod';
import { STAFF_ROLES, idParam } from '@wc/shared';

export { createStaffUserSchema, updateStaffUserSchema } from '@wc/shared';

export const userIdParams = z.object({ id: idParam });

export const staffQuerySchema = z
  .object({
    role: z.enum(STAFF_ROLES, { error: '角色不正确' }).optional(),
    q: z.string().trim().max(50).optional(),
    includeDisabled: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();
