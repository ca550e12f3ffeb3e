import { ATTACHMENT_CATEGORIES, type AttachmentCategory } from './attachments';

/**
 * A typed name (其他资料) that says nothing beyond what the archive already records: empty, or only
 * the application's number, the category's name, digits and punctuation (「BZ2024010101 其他资料 (2)」,
 * 「其他资料」, 「20240101」). Returns the Chinese field message, or null when the name says something.
 */
export function typedNameProblem(name: string, context: { number: string; category: AttachmentCategory }): string | null {
  const label = ATTACHMENT_CATEGORIES[context.category].label;
  const rest = name
    .trim()
    .toUpperCase()
    .split(context.number.toUpperCase())
    .join('')
    .split(label)
    .join('')
    .replace(/[\p{N}\p{P}\p{S}\s]/gu, '');
  if (name.trim() === '') {
    return '请填写文件名称';
  }
  return rest === '' ? `请填写能说明内容的文件名称（如「产权人来函」），不能只写报装编号或「${label}」` : null;
}
