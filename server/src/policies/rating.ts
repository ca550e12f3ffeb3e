import { ratable } from '@wc/shared';
import type { AuthUser } from '../context';
import type { Application } from '../models';
import { applicationPolicy } from './application';

/** Who may rate an application (服务评价), and who sees a rating's comment unmasked. */
export const ratingPolicy = {
  /** Its own applicant, once the application is completed. Whether it is rated already is `rated`. */
  rateable(user: AuthUser, app: Pick<Application, 'applicantUserId' | 'state'>): boolean {
    return user.kind === 'applicant' && app.applicantUserId === user.id && ratable(app.state);
  },
  rate(user: AuthUser, app: Pick<Application, 'applicantUserId' | 'state'>, rated: boolean): boolean {
    return !rated && ratingPolicy.rateable(user, app);
  },
  /**
   * A comment may hold the customer's phone number: shown whole to those who may see the
   * application's contact details (the applicant, staff who phone customers), masked to the rest.
   */
  fullComment(user: AuthUser, app: Pick<Application, 'applicantUserId'>): boolean {
    return applicationPolicy.seeContactDetails(user, app);
  },
};
