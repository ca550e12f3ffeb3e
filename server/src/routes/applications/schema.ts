import { z } from 'zod';
import { applicationFormSchema, applicationListQuerySchema, idParam } from '@wc/shared';

export { applicationFormSchema, applicationListQuerySchema };

export const idParams = z.object({ id: idParam });

export const actionParams = z.object({
  id: idParam,
  action: z.string().regex(/^[a-z_]{2,40}$/, { error: '操作不正确' }),
});

export const transferSchema = z
  .object({
    userId: z.coerce.number({ error: '请选择转交对象' }).int().positive({ error: '请选择转交对象' }),
    comment: z.string().trim().max(500, { error: '说明不能超过500字' }).optional(),
    version: z.coerce.number().int().nonnegative().optional(),
  })
  .strict();
