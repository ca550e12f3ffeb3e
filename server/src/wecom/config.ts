import { z } from 'zod';

/**
 * 企业微信 settings. Everything here comes from the environment only: the app's secret and the
 * robots' webhook keys are secrets (a robot key alone lets anyone post into the group), and the
 * corp id and agent id belong with them.
 */
export interface WecomConfig {
  /** `https://qyapi.weixin.qq.com` (a stub in tests). */
  apiBase: string;
  /** 企业ID (我的企业 → 企业信息). Empty: app messages off. */
  corpId: string;
  /** The self-built app's AgentId (应用管理 → 自建应用). */
  agentId: number | null;
  /** The app's Secret. */
  secret: string;
  /** Group robots by the team name the administrator chooses per step: name → webhook key. */
  robots: Record<string, string>;
}

type Env = Record<string, string | undefined>;

const robotsSchema = z.record(
  z.string().trim().min(1).max(32),
  z.string().regex(/^[A-Za-z0-9-]{8,100}$/, { error: 'webhook key 只能含字母、数字和 -' }),
);

/** Reads WECOM_* variables; a malformed WECOM_ROBOTS or WECOM_AGENT_ID stops the start rather than silently dropping alerts. */
export function wecomFromEnv(env: Env): WecomConfig {
  const agentRaw = env.WECOM_AGENT_ID?.trim() ?? '';
  const agentId = agentRaw === '' ? null : Number(agentRaw);
  if (agentId !== null && (!Number.isInteger(agentId) || agentId <= 0)) {
    throw new Error(`WECOM_AGENT_ID 应为企业微信自建应用的 AgentId（数字），当前为 ${agentRaw}`);
  }
  let robots: Record<string, string> = {};
  const robotsRaw = env.WECOM_ROBOTS?.trim() ?? '';
  if (robotsRaw !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(robotsRaw);
    } catch {
      throw new Error('WECOM_ROBOTS 应为 JSON，例如 {"报装组":"693a91f6-…"}（群名称 → 机器人 webhook 地址中 key= 后的部分）');
    }
    const checked = robotsSchema.safeParse(parsed);
    if (!checked.success) {
      throw new Error(`WECOM_ROBOTS 不正确：${checked.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
    }
    robots = checked.data;
  }
  return {
    apiBase: env.WECOM_API_BASE?.trim() || 'https://qyapi.weixin.qq.com',
    corpId: env.WECOM_CORP_ID?.trim() ?? '',
    agentId,
    secret: env.WECOM_SECRET?.trim() ?? '',
    robots,
  };
}

/** Whether app messages to persons can be sent (corp id, agent id and secret all set). */
export function appMessagesOn(config: WecomConfig): config is WecomConfig & { agentId: number } {
  return config.corpId !== '' && config.agentId !== null && config.secret !== '';
}
