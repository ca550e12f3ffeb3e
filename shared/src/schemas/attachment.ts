import { z } from 'zod';
import { ATTACHMENT_CATEGORY_KEYS } from '../attachments';

/** Names a camera or a messenger gives files: they say nothing when someone searches the archive. */
const MEANINGLESS = /^(img|dsc|dscn|dcim|pxl|mvimg|photo|image|scan|screenshot|wx_camera|微信图片|mmexport|未命名|新建)[\s_\-\d.()（）]*$/i;

/**
 * The name an uploader gives a file (the manual requires a meaningful one, for searching the archive):
 * 2–100 characters, not just digits and punctuation, not a camera's default name.
 */
export const attachmentDisplayNameSchema = z
  .string({ error: '请填写文件名称' })
  .trim()
  .min(2, { error: '请填写有意义的文件名称（至少2个字）' })
  .max(100, { error: '文件名称不能超过100个字' })
  .refine((name) => /[\p{L}]/u.test(name), { error: '文件名称不能只有数字和符号' })
  .refine((name) => !MEANINGLESS.test(name.replace(/\.[A-Za-z0-9]{2,5}$/, '')), {
    error: '请填写有意义的文件名称，例如「东门进场照片」，不要使用相机默认名',
  });

export const uploadFieldsSchema = z.object({
  category: z.enum(ATTACHMENT_CATEGORY_KEYS as [string, ...string[]], { error: '请选择附件类别' }),
  displayName: attachmentDisplayNameSchema,
});

export const attachmentSearchSchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    category: z.enum(ATTACHMENT_CATEGORY_KEYS as [string, ...string[]], { error: '附件类别不正确' }).optional(),
    number: z.string().trim().max(40).optional(),
    /** 单位名称 / 姓名 of the application. */
    name: z.string().trim().max(100).optional(),
    uploader: z.coerce.number({ error: '上传人不正确' }).int({ error: '上传人不正确' }).positive({ error: '上传人不正确' }).optional(),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '开始日期格式应为 年-月-日' })
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '结束日期格式应为 年-月-日' })
      .optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200, { error: '每页最多200条' }).default(20),
  })
  .strict();
