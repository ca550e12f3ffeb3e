import type { Config } from '../config';
import { services } from '../services';
import { MiniProgram } from './miniProgram';
import { OfficialAccount } from './officialAccount';

interface Apps {
  miniProgram: MiniProgram | null;
  officialAccount: OfficialAccount | null;
}

// One set per configuration (tests run servers with different configurations in one process).
const byConfig = new WeakMap<Config, Apps>();

function apps(): Apps {
  const { config, sequelize } = services();
  let found = byConfig.get(config);
  if (!found) {
    const { miniProgram: mp, officialAccount: oa } = config.wechat;
    found = {
      miniProgram: mp.appId && mp.appSecret ? new MiniProgram(config.wechat, sequelize) : null,
      officialAccount: oa.appId && oa.appSecret ? new OfficialAccount(config.wechat, sequelize) : null,
    };
    byConfig.set(config, found);
  }
  return found;
}

/** The mini program client, or null in local mode (no app id configured). */
export function miniProgram(): MiniProgram | null {
  return apps().miniProgram;
}

/** The official-account client, or null in local mode. */
export function officialAccount(): OfficialAccount | null {
  return apps().officialAccount;
}
