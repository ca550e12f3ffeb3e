import { applicationListQuerySchema } from '@wc/shared';

/** The export takes the list's filters and sort (its page and page size are ignored). */
export const exportQuerySchema = applicationListQuerySchema;
