import { chinaParts } from '@wc/shared';

/**
 * What a template field shows, named in the configured field map (`{"thing2": "title", …}`):
 * - `number`: application number; `name`: 单位名称/姓名; `title`: what happened (申请已受理);
 * - `phrase`: a ≤5-character status word (已受理); `state`: the step's label; `text`: the full text;
 * - `at`: when it happened.
 */
export type ValueSource = 'number' | 'name' | 'title' | 'phrase' | 'state' | 'text' | 'at';

export interface NotificationValues {
  event: string;
  number: string;
  name: string;
  title: string;
  text: string;
  stateLabel: string;
  at: Date;
}

/** Short status words for `phrase` fields, which WeChat limits to five Chinese characters. */
export const EVENT_PHRASES: Record<string, string> = {
  submitted: '已提交',
  accepted: '已受理',
  returned: '已退回',
  dispatched: '已派工',
  scheme_ready: '已勘察',
  budget_to_confirm: '待确认',
  design_confirmed: '已确认',
  contract_submitted: '审批中',
  contract_rejected: '未通过',
  contract_signed: '已签订',
  payment_due: '待缴费',
  payment_recorded: '已缴费',
  unpaid_approved: '待施工',
  construction_started: '施工中',
  change_to_confirm: '待确认',
  water_on: '已通水',
  accepted_check: '已验收',
  handed_over: '已移交',
  completed: '已完成',
  terminated: '已终止',
  withdrawn: '已撤销',
  new_work: '待办理',
  overdue: '已超时',
};

const chars = (s: string): string[] => [...s];
const CJK = /\p{Script=Han}/u;

/** Cuts to `max` characters (code points), marking the cut with an ellipsis. */
function cut(value: string, max: number): string {
  const list = chars(value);
  return list.length <= max ? value : `${list.slice(0, max - 1).join('')}…`;
}

/** `2024年3月5日 14:07` in China time: a format both `time` and `date` fields accept. */
export function chinaDateTime(at: Date): string {
  const p = chinaParts(at);
  return `${p.year}年${p.month}月${p.day}日 ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** The field's type: its key without the trailing number (`character_string1` → `character_string`). */
export function fieldType(key: string): string {
  return key.replace(/\d+$/, '');
}

/**
 * A value made to fit WeChat's rules for the field's type (subscribe messages and new-style template
 * messages share them); WeChat refuses the whole message (47003) when one value does not fit.
 */
export function fitField(key: string, value: string, at: Date): string {
  const text = value.replace(/\s+/g, ' ').trim();
  switch (fieldType(key)) {
    case 'thing':
    case 'const':
      return cut(text || '无', 20);
    case 'short_thing':
      return cut(text || '无', 5);
    case 'character_string':
      // Letters, digits and symbols only: Chinese is refused.
      return (
        chars(text.replace(/[^\x21-\x7e]/g, ''))
          .slice(0, 32)
          .join('') || '-'
      );
    case 'letter':
      return text.replace(/[^A-Za-z]/g, '').slice(0, 32) || 'NA';
    case 'number':
      return /\d{1,32}(\.\d{1,2})?/.exec(text.replace(/[^0-9.]/g, ''))?.[0] ?? '0';
    case 'symbol':
      return (
        chars(text.replace(/[A-Za-z0-9\s\p{Script=Han}]/gu, ''))
          .slice(0, 5)
          .join('') || '-'
      );
    case 'phrase': {
      // Five Chinese characters at most, and nothing else.
      const han = chars(text).filter((c) => CJK.test(c));
      return han.length > 0 ? han.slice(0, 5).join('') : '已更新';
    }
    case 'name':
      return (
        chars(text)
          .slice(0, CJK.test(text) ? 10 : 20)
          .join('') || '用户'
      );
    case 'time':
    case 'date':
      return chinaDateTime(at);
    case 'phone_number':
      return text.replace(/[^0-9+-]/g, '').slice(0, 17) || '-';
    default:
      return cut(text || '无', 20);
  }
}

function source(values: NotificationValues, what: string): string {
  switch (what as ValueSource) {
    case 'number':
      return values.number;
    case 'name':
      return values.name;
    case 'title':
      return values.title;
    case 'phrase':
      return EVENT_PHRASES[values.event] ?? values.stateLabel;
    case 'state':
      return values.stateLabel;
    case 'text':
      return values.text;
    case 'at':
      return chinaDateTime(values.at);
    default:
      return values.title;
  }
}

/** The `data` of a subscribe or template message: `{ thing2: { value } , … }`, every value fitted. */
export function templateData(fields: Record<string, string>, values: NotificationValues): Record<string, { value: string }> {
  return Object.fromEntries(Object.entries(fields).map(([key, what]) => [key, { value: fitField(key, source(values, what), values.at) }]));
}

/** Our values, described for the administrator, and the keyword types each fits meaningfully. */
export const VALUE_SOURCES: Record<ValueSource, { label: string; types: readonly string[] }> = {
  number: { label: '报装编号', types: ['character_string', 'thing'] },
  name: { label: '单位名称/姓名', types: ['thing', 'name'] },
  title: { label: '事项，如「申请已受理」', types: ['thing'] },
  phrase: { label: '状态词（≤5 字），如「已受理」', types: ['phrase', 'short_thing', 'thing'] },
  state: { label: '当前环节', types: ['thing'] },
  text: { label: '完整说明', types: ['thing'] },
  at: { label: '时间', types: ['time', 'date'] },
};

/** WeChat's keyword types (the key without its number), in the administrator's words. */
export const KEYWORD_TYPE_LABELS: Record<string, string> = {
  thing: '事物，≤20 字',
  short_thing: '短事物，≤5 字',
  character_string: '字符串，≤32 位字母数字符号',
  phrase: '汉字，≤5 字',
  time: '时间',
  date: '日期',
  name: '姓名',
  number: '数字',
  amount: '金额',
  phone_number: '电话',
  letter: '字母',
  symbol: '符号',
  car_number: '车牌',
  const: '常量',
  enum_string: '枚举值',
};

export function isValueSource(value: string): value is ValueSource {
  return Object.hasOwn(VALUE_SOURCES, value);
}

/**
 * The value we would put into a template keyword we have no setting for: by its type, and for
 * `thing` keywords by their label (申请单位 → name, 编号 → number); null when none of ours fits.
 */
export function suggestSource(key: string, label: string): ValueSource | null {
  switch (fieldType(key)) {
    case 'character_string':
      return 'number';
    case 'time':
    case 'date':
      return 'at';
    case 'phrase':
    case 'short_thing':
      return 'phrase';
    case 'name':
      return 'name';
    case 'thing':
      if (/单位|名称|姓名|申请人|客户|用户/.test(label)) {
        return 'name';
      }
      if (/编号|单号/.test(label)) {
        return 'number';
      }
      if (/环节|节点/.test(label)) {
        return 'state';
      }
      return 'title';
    default:
      return null;
  }
}
