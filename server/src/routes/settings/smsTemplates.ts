import Router from '@koa/router';
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import {
  SMS_PARAM_MAX_CHARS,
  SMS_TEMPLATE_SLOTS,
  SMS_VALUES,
  smsTemplateInputSchema,
  type SmsSettingsView,
  type SmsTemplateInput,
  type SmsTemplateKey,
} from '@wc/shared';
import { recordAudit } from '../../commands/audit';
import type { AppState, AuthedContext } from '../../context';
import { NotFoundError, fieldError } from '../../errors';
import { authenticated } from '../../middlewares/authenticated';
import { transaction } from '../../middlewares/transaction';
import { validate } from '../../middlewares/validate';
import { SmsTemplate } from '../../models';
import { authorizeAdmin } from '../../policies/admin';
import { services } from '../../services';
import { smsLive } from '../../sms/config';

const router = new Router<AppState>({ prefix: '/settings/sms-templates' });

const ADMIN_ONLY = '仅系统管理员可设置短信模板';

const keyParams = z.object({
  key: z.enum(SMS_TEMPLATE_SLOTS.map((s) => s.key) as [SmsTemplateKey, ...SmsTemplateKey[]], { error: '没有这种短信' }),
});
type KeyParams = z.output<typeof keyParams>;

async function settingsView(transaction?: Transaction): Promise<SmsSettingsView> {
  const { sms } = services().config;
  const rows = new Map((await SmsTemplate.findAll({ transaction })).map((r) => [r.key, r]));
  return {
    live: smsLive(sms),
    signName: sms.signName || null,
    limits: { ...sms.limits },
    paramMaxChars: SMS_PARAM_MAX_CHARS,
    templates: SMS_TEMPLATE_SLOTS.map((slot) => {
      const row = rows.get(slot.key);
      return {
        key: slot.key,
        label: slot.label,
        mustReach: slot.mustReach,
        values: slot.values.map((v) => ({ key: v, label: SMS_VALUES[v].label, fits: SMS_VALUES[v].overflow === 'fit' })),
        template: row
          ? { templateCode: row.templateCode, params: row.params, enabled: row.enabled, updatedAt: row.updatedAt.toISOString() }
          : null,
      };
    }),
  };
}

/** GET /api/settings/sms-templates — 短信模板: every message that can go by SMS, with its template if set (administrators). */
router.get('/', authenticated('staff'), async (ctx: AuthedContext) => {
  authorizeAdmin(ctx.state.user, ADMIN_ONLY);
  ctx.body = { data: await settingsView() };
});

/** PUT /api/settings/sms-templates/:key — set one message's template code and variables (administrators; audited). */
router.put(
  '/:key',
  authenticated('staff'),
  validate({ params: keyParams, body: smsTemplateInputSchema }),
  transaction(),
  async (ctx: AuthedContext<{ params: KeyParams; body: SmsTemplateInput }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const t = ctx.state.transaction!;
    const { key } = ctx.state.input.params;
    const input = ctx.state.input.body;
    const slot = SMS_TEMPLATE_SLOTS.find((s) => s.key === key);
    const offered = new Set<string>(slot?.values ?? []);
    const wrong = input.params.findIndex((p) => !offered.has(p.value));
    if (wrong >= 0) {
      const label = SMS_VALUES[input.params[wrong]!.value].label;
      throw fieldError(`params.${wrong}.value`, `「${slot?.label ?? key}」没有「${label}」可填`);
    }
    await SmsTemplate.upsert(
      { key, templateCode: input.templateCode, params: input.params, enabled: input.enabled, updatedAt: new Date() },
      { transaction: t },
    );
    await recordAudit(
      { actorUserId: ctx.state.user.id, action: 'settings.sms_templates', targetType: 'sms_template', data: { key, ...input }, ip: ctx.ip },
      t,
    );
    ctx.body = { data: await settingsView(t) };
  },
);

/** DELETE /api/settings/sms-templates/:key — stop sending this message by SMS (administrators; audited). */
router.delete(
  '/:key',
  authenticated('staff'),
  validate({ params: keyParams }),
  transaction(),
  async (ctx: AuthedContext<{ params: KeyParams }>) => {
    authorizeAdmin(ctx.state.user, ADMIN_ONLY);
    const t = ctx.state.transaction!;
    const { key } = ctx.state.input.params;
    const removed = await SmsTemplate.destroy({ where: { key }, transaction: t });
    if (removed === 0) {
      throw new NotFoundError('该短信尚未设置模板');
    }
    await recordAudit(
      {
        actorUserId: ctx.state.user.id,
        action: 'settings.sms_templates',
        targetType: 'sms_template',
        data: { key, removed: true },
        ip: ctx.ip,
      },
      t,
    );
    ctx.body = { data: await settingsView(t) };
  },
);

export default router;
