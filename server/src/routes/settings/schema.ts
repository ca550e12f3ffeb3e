import { z } from 'zod';
import { APPLICANT_KINDS, MAX_REMINDERS, STATE_KEYS, calendarYearParam, calendarYearSchema, contractStagesSchema } from '@wc/shared';

/** One reminder threshold (催办提醒): hours or working days after the step was entered. */
const reminderSchema = z
  .object({
    value: z
      .number({ error: '提醒时间应为数字' })
      .positive({ error: '提醒时间必须大于0' })
      .max(24 * 365, { error: '提醒时间过大' }),
    unit: z.enum(['hours', 'workdays'], { error: '单位应为小时或工作日' }),
  })
  .strict();

export const stepParams = z.object({
  flow: z.enum(APPLICANT_KINDS, { error: '流程不正确' }),
  state: z.enum(STATE_KEYS, { error: '步骤不正确' }),
});

export const stepSettingSchema = z
  .object({
    thresholdValue: z
      .number({ error: '阈值应为数字' })
      .positive({ error: '阈值必须大于0' })
      .max(24 * 365, { error: '阈值过大' })
      .nullable(),
    thresholdUnit: z.enum(['hours', 'workdays'], { error: '单位应为小时或工作日' }),
    defaultAssigneeId: z.number().int().positive().nullable(),
    /** Absent: unchanged. Only customer-clock steps have them (checked by the command). */
    reminders: z
      .array(reminderSchema)
      .max(MAX_REMINDERS, { error: `最多设置${MAX_REMINDERS}次提醒` })
      .optional(),
  })
  .strict();

export const contractStagesBodySchema = z.object({ stages: contractStagesSchema }).strict();

export const calendarParams = z.object({ year: calendarYearParam });

/** The body's rows must lie in the year the path names. */
export const calendarBody = (params: z.output<typeof calendarParams>) => calendarYearSchema(params.year);
