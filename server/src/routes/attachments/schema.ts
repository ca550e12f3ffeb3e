import { z } from 'zod';
import { idParam } from '@wc/shared';

export { attachmentSearchSchema, uploadFieldsSchema } from '@wc/shared';

export const idParams = z.object({ id: idParam });

/** A signed link's parameters (see commands/attachments/downloadLinks.ts), and the inline switch. */
export const fileQuerySchema = z.object({
  u: z.string().optional(),
  e: z.string().optional(),
  s: z.string().optional(),
  inline: z.enum(['0', '1']).optional(),
});
