import { maskPhone, type CodeSentView } from '@wc/shared';
import { smsSender } from '../sms';
import { issueCode, withdrawCode, type CodeScope } from './codes';
import { CODE_TTL_SECONDS, RESEND_AFTER_SECONDS } from './limits';
import { sendFailure } from './sendFailure';

/**
 * Issues a code for `scope` and texts it (template `verification_code`, value `code`). With
 * `deliver` false (a claim or reset that matched nothing) the code is stored but sent nowhere, and
 * the reply is the same. In local mode (no SMS configured) the sender only logs, phone masked, and
 * the reply carries the code so the pages work on a laptop; never when SMS is live.
 */
export async function sendCode(scope: CodeScope, ip: string | null, deliver: boolean): Promise<CodeSentView> {
  const sender = smsSender();
  const issued = await issueCode(scope, ip, deliver);
  if (deliver) {
    try {
      await sender.send({ phone: scope.phone, template: 'verification_code', params: { code: issued.code } });
    } catch (error) {
      await withdrawCode(issued.id);
      throw sendFailure(error, scope.phone, 'verification code');
    }
  }
  return {
    sentTo: maskPhone(scope.phone),
    expiresInSeconds: CODE_TTL_SECONDS,
    resendAfterSeconds: RESEND_AFTER_SECONDS,
    localCode: deliver && !sender.live ? issued.code : null,
  };
}
