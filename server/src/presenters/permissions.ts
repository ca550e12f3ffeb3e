import { MATERIAL_CATEGORIES, type ApplicationListPermissions, type ApplicationPermissions, type WorkflowFacts } from '@wc/shared';
import type { AuthUser } from '../context';
import type { Application } from '../models';
import { applicationPolicy } from '../policies/application';
import { attachmentPolicy } from '../policies/attachment';
import { claimPolicy } from '../policies/claim';
import { printPolicy } from '../policies/print';
import { ratingPolicy } from '../policies/rating';

/**
 * What the viewer may do with an application besides workflow actions, serialized from the very
 * policy functions the routes call: a flag is true exactly when the route would let the call through
 * (bar the input it checks).
 */
export function presentPermissions(viewer: AuthUser, app: Application, facts: WorkflowFacts, rated = false): ApplicationPermissions {
  return {
    edit: applicationPolicy.edit(viewer, app),
    transfer: applicationPolicy.transfer(viewer, app),
    print: printPolicy.printable(viewer, app, facts.currentAttachments),
    uploadOther: attachmentPolicy.upload(viewer, app, facts, 'other'),
    // Every paper follows one rule (MATERIAL_UPLOADERS): asking for the first asks for all.
    uploadMaterials: attachmentPolicy.upload(viewer, app, facts, MATERIAL_CATEGORIES[0]),
    sendClaimSms: claimPolicy.sendSms(viewer, app),
    export: applicationPolicy.export(viewer),
    rate: ratingPolicy.rate(viewer, app, rated),
  };
}

/** What the viewer may do with the application list as a whole. */
export function presentListPermissions(viewer: AuthUser): ApplicationListPermissions {
  return { export: applicationPolicy.export(viewer) };
}
