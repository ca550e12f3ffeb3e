import { z } from 'zod';
import { requiredText } from '../schemas/common';
import { METER_CALIBERS } from './meter';

/** An empty number box sends null or '': that is "not filled in", never a reading of 0. */
const blankToUndefined = (value: unknown) => (value === null || value === '' ? undefined : value);

/** 初始读数: a reading in m³, zero or more, from a number or numeric text. */
const reading = z.coerce
  .number({ error: '请填写初始读数（数字）' })
  .refine((n) => Number.isFinite(n), { error: '请填写初始读数（数字）' })
  .refine((n) => n >= 0, { error: '初始读数不能为负数' })
  .refine((n) => n <= 1e8, { error: '初始读数超出范围' });

export const initialReadingSchema = z.preprocess(blankToUndefined, reading);

/** On the enterprise dispatch sheet 初始读数 may wait (sheets saved before it was asked have none). */
export const optionalInitialReadingSchema = z.preprocess(blankToUndefined, reading.optional());

/** The meter a resident's constructor records (登记水表). */
export const residentMeterSchema = z
  .object({
    number: requiredText('表号', 50),
    caliber: z.enum(METER_CALIBERS, { error: '请选择口径' }),
    model: requiredText('型号', 50),
    initialReading: initialReadingSchema,
  })
  .strict();
