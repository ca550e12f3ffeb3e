import { isMobilePhone, normalizePhone } from '@wc/shared';
import type { AuthUser } from '../context';
import type { Application } from '../models';

type Claimable = Pick<Application, 'applicantUserId' | 'contactPhone'>;

/**
 * 认领报装: a counter application (窗口受理) has no applicant account until its customer claims it
 * with a code sent to the phone written on it.
 */
export const claimPolicy = {
  /** Nobody's yet, and its phone can receive an SMS. */
  claimable(app: Claimable): boolean {
    return app.applicantUserId === null && isMobilePhone(normalizePhone(app.contactPhone));
  },
  /** 发送认领短信: the window clerk, who took the application at the counter, texts the customer the link. */
  sendSms(user: AuthUser, app: Claimable): boolean {
    return user.kind === 'staff' && user.roles.includes('window_clerk') && claimPolicy.claimable(app);
  },
};
