import type { AttachmentCategory, PrintForm } from '@wc/shared';
import type { AuthUser } from '../context';
import type { Application } from '../models';
import { applicationPolicy } from './application';
import { attachmentPolicy } from './attachment';

/** The files a print-out is made of: any one current file of these categories is enough. */
const PRINTED_FILES: Record<Exclude<PrintForm, 'dispatchSheet'>, readonly AttachmentCategory[]> = {
  budget: ['budget'],
  design: ['construction_drawing', 'construction_drawing_pdf'],
};

/**
 * Print-outs are made in the staff page from what the viewer may read: the dispatch sheet under
 * the detail's rule, files under the download rule. Printing changes nothing, so nothing else is asked.
 */
export const printPolicy = {
  /** The print-outs there is something to print for now, out of what `user` may read. */
  printable(
    user: AuthUser,
    app: Pick<Application, 'applicantUserId' | 'dispatchSheet'>,
    currentCategories: readonly AttachmentCategory[],
  ): PrintForm[] {
    if (user.kind !== 'staff') {
      return [];
    }
    const forms: PrintForm[] = [];
    if (app.dispatchSheet && applicationPolicy.seeDispatchSheet(user)) {
      forms.push('dispatchSheet');
    }
    for (const [form, categories] of Object.entries(PRINTED_FILES) as [
      Exclude<PrintForm, 'dispatchSheet'>,
      readonly AttachmentCategory[],
    ][]) {
      const readable = categories.some(
        (category) =>
          currentCategories.includes(category) && attachmentPolicy.read(user, app, { category, supersededById: null }) === 'allowed',
      );
      if (readable) {
        forms.push(form);
      }
    }
    return forms;
  },
};
