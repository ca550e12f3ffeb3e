import { Op } from 'sequelize';
import {
  CLAIM_HISTORY_ACTION,
  CLAIM_HISTORY_LABEL,
  CLAIM_PAGE_PATH,
  STATES,
  maskPhone,
  normalizePhone,
  type ClaimResultView,
  type ClaimSmsView,
  type CodeSentView,
} from '@wc/shared';
import type { AuthUser } from '../context';
import { withTransaction } from '../db/transaction';
import { AppError, ForbiddenError, fieldError } from '../errors';
import { Application, AuditEvent } from '../models';
import { claimPolicy } from '../policies/claim';
import { currentTime, services } from '../services';
import { smsSender } from '../sms';
import { useCode, type CodeScope } from '../verification/codes';
import { sendCode } from '../verification/delivery';
import { sendFailure } from '../verification/sendFailure';
import { updateApplication } from './applicationRows';
import { findVisibleApplication } from './applicationViews';
import { recordAudit } from './audit';
import { chainEntry, insertHistory } from './workflow/history';

/**
 * 认领报装: the customer of a counter application (窗口受理, no account) makes it theirs with
 * 报装编号 + the phone written on it + the code that phone receives. A code is bound to the account
 * that asked for it, so two accounts never share one.
 */
function claimScope(user: AuthUser, number: string, phone: string): CodeScope {
  return { purpose: 'claim', phone, target: `${number}#${user.id}` };
}

const ALREADY_MINE = '该报装已在「我的报装」中';

/**
 * Sends a claim code when number and phone match an application nobody has claimed. Otherwise a code
 * is stored and sent nowhere: the reply, the limits and later the wrong-code answer are the same,
 * so a wrong phone cannot be told from a wrong number (nothing to enumerate).
 */
export async function requestClaimCode(user: AuthUser, number: string, phone: string, ip: string): Promise<CodeSentView> {
  const app = await Application.findOne({ where: { number }, attributes: ['id', 'applicantUserId', 'contactPhone'] });
  if (app && app.applicantUserId === user.id) {
    throw new AppError('CONFLICT', ALREADY_MINE);
  }
  const matches = app !== null && claimPolicy.claimable(app) && normalizePhone(app.contactPhone) === phone;
  return sendCode(claimScope(user, number, phone), ip, matches);
}

/**
 * Claims with the code: in one transaction the code is used, the application becomes the account's
 * (version-checked, and only while nobody has it: of two accounts claiming at once one wins, the
 * other gets 409 and its code stays unused), 报装记录 records who and when, and the audit log too.
 */
export async function claimApplication(
  user: AuthUser,
  input: { number: string; phone: string; smsCode: string },
  ip: string,
  now = currentTime(),
): Promise<ClaimResultView> {
  return useCode(claimScope(user, input.number, input.phone), input.smsCode, 'smsCode', async (t) => {
    const app = await Application.findOne({ where: { number: input.number }, transaction: t, lock: t.LOCK.UPDATE });
    if (!app || normalizePhone(app.contactPhone) !== input.phone) {
      // The phone on the application was corrected after the code was sent.
      throw fieldError('phone', '手机号与报装登记的联系电话不一致');
    }
    if (app.applicantUserId === user.id) {
      return { id: app.id, number: app.number };
    }
    if (app.applicantUserId !== null) {
      throw new AppError('CONFLICT', '该报装已被其他账号认领');
    }
    const chained = chainEntry(
      {
        applicationId: app.id,
        action: CLAIM_HISTORY_ACTION,
        actionLabel: CLAIM_HISTORY_LABEL,
        fromState: app.state,
        toState: app.state,
        actorUserId: user.id,
        actorRole: 'applicant',
        actorName: user.displayName,
        comment: null,
        attachmentIds: [],
        // For staff: which account, proved by a code to which phone (masked, as everywhere outside the form).
        payload: { userId: user.id, username: user.username, phone: maskPhone(input.phone) },
        stepStartedAt: app.stateEnteredAt,
        at: now,
        clock: STATES[app.state].clock,
        newStep: false,
      },
      app,
    );
    await updateApplication(app.id, app.version, { applicantUserId: user.id, version: app.version + 1, ...chained.head }, t, {
      applicantUserId: null,
    });
    const entry = await insertHistory(chained, t);
    await recordAudit(
      {
        actorUserId: user.id,
        action: 'application.claim',
        targetType: 'application',
        targetId: app.id,
        data: { number: app.number, historyId: entry.id },
        ip,
      },
      t,
      now,
    );
    return { id: app.id, number: app.number };
  });
}

/** The claim page with the number filled in, as the SMS carries it. */
export function claimLink(number: string): string {
  return `${services().config.publicUrl.replace(/\/$/, '')}/h5${CLAIM_PAGE_PATH}?number=${encodeURIComponent(number)}`;
}

const RESEND_SECONDS = 60;

/**
 * 发送认领短信: the window clerk texts the customer (template `claim_link`: `number`, `link`) the
 * link to the claim page. At most once a minute per application; each send is audited.
 */
export async function sendClaimSms(actor: AuthUser, id: number, ip: string, now = currentTime()): Promise<ClaimSmsView> {
  const app = await findVisibleApplication(actor, id);
  if (!claimPolicy.sendSms(actor, app)) {
    if (actor.kind === 'staff' && actor.roles.includes('window_clerk')) {
      throw new AppError(
        'ACTION_NOT_ALLOWED',
        app.applicantUserId !== null ? '该报装已有报装用户账号，无需认领' : '联系电话不是手机号，无法发送短信',
      );
    }
    throw new ForbiddenError('只有窗口受理员可以发送认领短信');
  }
  const phone = normalizePhone(app.contactPhone);
  const link = claimLink(app.number);
  const recent = await AuditEvent.count({
    where: {
      action: 'application.claim_sms',
      targetType: 'application',
      targetId: String(app.id),
      at: { [Op.gt]: new Date(now.getTime() - RESEND_SECONDS * 1000) },
    },
  });
  if (recent > 0) {
    throw new AppError('RATE_LIMITED', '刚刚已发送认领短信，请1分钟后再试');
  }
  try {
    await smsSender().send({ phone, template: 'claim_link', params: { number: app.number, link } });
  } catch (error) {
    throw sendFailure(error, phone, 'claim link');
  }
  // Recorded once the platform accepted it: a refused send can be retried at once.
  await withTransaction(services().sequelize, (t) =>
    recordAudit(
      {
        actorUserId: actor.id,
        action: 'application.claim_sms',
        targetType: 'application',
        targetId: app.id,
        data: { number: app.number },
        ip,
      },
      t,
      now,
    ),
  );
  return { sentTo: maskPhone(phone), link };
}
