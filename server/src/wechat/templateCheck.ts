import type { Logger } from 'pino';
import type { Config } from '../config';
import { miniProgram, officialAccount } from './apps';
import { KEYWORD_TYPE_LABELS, VALUE_SOURCES, fieldType, isValueSource, suggestSource } from './templates';

/** One keyword of an account's template: `thing2` and the label before it (`办理事项`). */
export interface TemplateKeyword {
  key: string;
  label: string;
}

/**
 * The keywords of a template's `content` as WeChat lists it: `办理事项{{thing2.DATA}}\n…` (the
 * official account's docs also show `{ {thing2.DATA} }`); the label is the text before it on its line.
 */
export function templateKeywords(content: string): TemplateKeyword[] {
  const found: TemplateKeyword[] = [];
  for (const line of content.split(/\r?\n|\\n/)) {
    let rest = line;
    for (const match of line.matchAll(/\{\s*\{\s*([A-Za-z_]+\d*)\.DATA\s*\}\s*\}/g)) {
      const before = rest.slice(0, rest.indexOf(match[0]));
      rest = rest.slice(rest.indexOf(match[0]) + match[0].length);
      found.push({ key: match[1] ?? '', label: before.replace(/[：:\s]+$/u, '').trim() });
    }
  }
  return found;
}

export interface TemplateFinding {
  /** 小程序订阅消息 / 公众号模板消息. */
  channel: string;
  templateId: string;
  title: string | null;
  ok: boolean;
  /** One line per keyword (✓/✗), and for a template the account lacks, why. */
  lines: string[];
  /** The environment variable holding the keyword map, and the map that would match. */
  fix: { setting: string; fields: Record<string, string> } | null;
}

const typeText = (key: string) => {
  const type = fieldType(key);
  return `${type}（${KEYWORD_TYPE_LABELS[type] ?? '未知类型'}）`;
};
const sourceText = (source: string) => (isValueSource(source) ? `${source}（${VALUE_SOURCES[source].label}）` : `${source}（不认识的值）`);

/** Our keyword map against the template's keywords; pure, so that the rules are testable on their own. */
export function compareTemplate(
  channel: string,
  setting: string,
  templateId: string,
  template: { title: string; content: string } | null,
  fields: Record<string, string>,
  where: string,
): TemplateFinding {
  if (!template) {
    return {
      channel,
      templateId,
      title: null,
      ok: false,
      lines: [`✗ 模板 ${templateId} 不在${where}：请先在后台添加模板，或改正模板 ID`],
      fix: null,
    };
  }
  const keywords = templateKeywords(template.content);
  const lines: string[] = [];
  const fix: Record<string, string> = {};
  let ok = true;
  let fixable = true;
  for (const { key, label } of keywords) {
    const name = label ? `${key}（${label}）` : key;
    const source = fields[key];
    if (source !== undefined && isValueSource(source) && VALUE_SOURCES[source].types.includes(fieldType(key))) {
      lines.push(`✓ ${name} ← ${sourceText(source)}`);
      fix[key] = source;
      continue;
    }
    ok = false;
    const suggestion = suggestSource(key, label);
    if (source === undefined) {
      lines.push(`✗ ${name}：没有配置值，微信会拒收整条消息（47003）`);
    } else {
      lines.push(`✗ ${name}：${typeText(key)} 不能填 ${sourceText(source)}`);
    }
    if (suggestion) {
      fix[key] = suggestion;
    } else {
      fixable = false;
      lines.push(`  我们没有适合 ${typeText(key)} 的值：请换一个模板`);
    }
  }
  for (const [key, source] of Object.entries(fields)) {
    if (!keywords.some((k) => k.key === key)) {
      ok = false;
      lines.push(`✗ ${key}：模板中没有这个关键词（配置为 ${sourceText(source)}），微信会拒收整条消息（47003）`);
    }
  }
  return { channel, templateId, title: template.title, ok, lines, fix: ok || !fixable ? null : { setting, fields: fix } };
}

/**
 * Reads the templates of the configured apps from WeChat and compares each configured template
 * with our keyword map. Apps or templates that are not configured are skipped (nothing is sent there).
 */
export async function checkTemplates(config: Config): Promise<{ findings: TemplateFinding[]; skipped: string[] }> {
  const findings: TemplateFinding[] = [];
  const skipped: string[] = [];
  const { subscribe, official } = config.wechat.templates;
  const mp = miniProgram();
  if (!mp) {
    skipped.push('小程序未配置（WECHAT_MP_APP_ID / WECHAT_MP_APP_SECRET），不检查订阅消息');
  } else if (!subscribe.id) {
    skipped.push('未设置 WECHAT_SUBSCRIBE_TEMPLATE_ID：不会发送小程序订阅消息');
  } else {
    const template = (await mp.listTemplates()).find((t) => t.priTmplId === subscribe.id) ?? null;
    findings.push(
      compareTemplate(
        '小程序订阅消息',
        'WECHAT_SUBSCRIBE_TEMPLATE_FIELDS',
        subscribe.id,
        template,
        subscribe.fields,
        '小程序的模板列表中（小程序后台 → 订阅消息 → 我的模板）',
      ),
    );
  }
  const oa = officialAccount();
  if (!oa) {
    skipped.push('公众号未配置（WECHAT_OA_APP_ID / WECHAT_OA_APP_SECRET），不检查模板消息');
  } else if (!official.id) {
    skipped.push('未设置 WECHAT_OA_TEMPLATE_ID：不会发送公众号模板消息');
  } else {
    const template = (await oa.listTemplates()).find((t) => t.template_id === official.id) ?? null;
    findings.push(
      compareTemplate(
        '公众号模板消息',
        'WECHAT_OA_TEMPLATE_FIELDS',
        official.id,
        template,
        official.fields,
        '公众号的模板列表中（公众号后台 → 广告与服务 → 模板消息 → 我的模板）',
      ),
    );
  }
  return { findings, skipped };
}

/** A finding as the administrator reads it (wechat:check prints it; the start log carries its lines). */
export function describeFinding(finding: TemplateFinding): string[] {
  const head = `【${finding.channel}】模板 ${finding.templateId}${finding.title ? `「${finding.title}」` : ''}：${finding.ok ? '✓ 与配置一致' : '与配置不一致'}`;
  const lines = [head, ...finding.lines.map((line) => `  ${line}`)];
  if (finding.fix) {
    lines.push(`  → 请把 ${finding.fix.setting} 改为：`, `    ${finding.fix.setting}='${JSON.stringify(finding.fix.fields)}'`);
  }
  return lines;
}

/**
 * `npm start` runs the same check once in the background and logs each mismatch as a warning, so a
 * deployment whose keyword map does not match its templates is noticed before users miss messages.
 */
export async function warnTemplateMismatches(config: Config, logger: Logger): Promise<void> {
  try {
    const { findings } = await checkTemplates(config);
    for (const finding of findings.filter((f) => !f.ok)) {
      logger.warn(
        { templateId: finding.templateId, problems: finding.lines.filter((line) => line.startsWith('✗')), fix: finding.fix },
        `微信模板检查：${finding.channel} ${finding.templateId} 与配置不一致，微信会拒收这些消息（47003）；运行 npm run wechat:check 查看要改什么`,
      );
    }
  } catch (error) {
    logger.warn({ err: error }, '微信模板检查未完成（读取模板列表失败）；可稍后运行 npm run wechat:check');
  }
}
