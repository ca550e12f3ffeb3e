import type { Middleware } from 'koa';
import { z } from 'zod';
import { applicationFormSchema, applicationListQuerySchema, idParam, isActionKey, type ActionKey } from '@wc/shared';
import type { AppState } from '../../context';
import { AppError } from '../../errors';

export { applicationFormSchema, applicationListQuerySchema };

export const idParams = z.object({ id: idParam });

export const actionParams = z.object({
  id: idParam,
  // knownAction() has answered 404 for any other name before this runs.
  action: z.string().refine((key): key is ActionKey => isActionKey(key), { error: '操作不正确' }),
});

/**
 * An action name no flow defines is a missing resource (404 UNKNOWN_ACTION), told apart from a
 * real action refused in the application's state (409): checked before the body, whose schema
 * depends on the action.
 */
export function knownAction(): Middleware<AppState> {
  return async function knownActionMiddleware(ctx, next) {
    const { action } = (ctx as unknown as { params: { action?: string } }).params;
    if (!action || !isActionKey(action)) {
      throw new AppError('UNKNOWN_ACTION');
    }
    await next();
  };
}

export const transferSchema = z
  .object({
    userId: z.coerce.number({ error: '请选择转交对象' }).int().positive({ error: '请选择转交对象' }),
    comment: z.string().trim().max(500, { error: '说明不能超过500字' }).optional(),
    version: z.coerce.number().int().nonnegative().optional(),
  })
  .strict();
