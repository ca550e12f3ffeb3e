import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { smsConfig, type SmsConfig } from './sms/config';
import { wecomFromEnv, type WecomConfig } from './wecom/config';

/** The repository root: config/ and data/ are resolved from here, whatever the working directory. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const fileSchema = z.object({
  port: z.number().int(),
  host: z.string(),
  dataDir: z.string(),
  databaseUrl: z.string(),
  publicUrl: z.string(),
  logLevel: z.string(),
  auth: z.object({
    tokenTtlHours: z.number().positive(),
    maxFailedLogins: z.number().int().positive(),
    lockMinutes: z.number().positive(),
  }),
  storage: z.object({
    driver: z.enum(['local', 'oss']),
    oss: z.object({
      region: z.string(),
      bucket: z.string(),
      endpoint: z.string(),
      cname: z.boolean(),
      signedUrlSeconds: z.number().int().positive(),
    }),
  }),
  wechat: z.object({
    apiBase: z.string(),
    oauthBase: z.string(),
    miniProgram: z.object({ appId: z.string(), appSecret: z.string(), state: z.enum(['developer', 'trial', 'formal']) }),
    officialAccount: z.object({ appId: z.string(), appSecret: z.string(), token: z.string(), encodingAESKey: z.string() }),
    templates: z.object({
      subscribe: z.object({ id: z.string(), page: z.string(), fields: z.record(z.string(), z.string()) }),
      // `jump`: what a template message opens — the H5 page, or the mini program, which WeChat only
      // allows once it is linked to the account (公众号 → 小程序管理 → 关联小程序).
      official: z.object({ id: z.string(), fields: z.record(z.string(), z.string()), jump: z.enum(['h5', 'miniprogram']).default('h5') }),
    }),
    staffGroup: z.object({ puppet: z.string(), token: z.string(), endpoint: z.string(), roomTopic: z.string() }),
  }),
  workers: z.object({ inProcess: z.boolean(), pollMs: z.number().int().positive(), leaseSeconds: z.number().int().positive() }),
  migrateOnStart: z.boolean(),
  seedDemo: z.boolean(),
  // Phone photos are shrunk on the device before upload (docs/attachments.md, 现场照片).
  photoUpload: z.object({ maxSide: z.number().int().min(640).max(8192), jpegQuality: z.number().min(0.5).max(1) }),
});

type FileConfig = z.infer<typeof fileSchema>;

export interface Config extends FileConfig {
  databaseDialect: 'sqlite' | 'mysql';
  /** Per-category upload limits in MB from `UPLOAD_MAX_MB_<CATEGORY>` (e.g. UPLOAD_MAX_MB_SITE_PHOTO=50). */
  uploadLimitsMb: Record<string, number>;
  jwtSecret: string;
  /** Signs short-lived browser cookies (the web login's state nonce): COOKIE_SECRET, else derived from the JWT secret. */
  cookieSecret: string;
  /** The utility's details until an administrator saves them (系统管理→单位信息): UTILITY_NAME etc. */
  utility: UtilityDefaults;
  /**
   * The Chinese font PDFs are set in (报装资料汇总): PDF_FONT, a .ttf/.otf/.ttc file on the server
   * (no internet at runtime, so nothing is downloaded); PDF_FONT_FAMILY names the face inside a .ttc.
   */
  pdfFont: { path: string; family: string };
  /** 短信 (Aliyun SMS): ALIYUN_SMS_* and SMS_LIMIT_*; local mode without an access key. */
  sms: SmsConfig;
  /** 企业微信 for staff alerts (app messages to persons, group robots): environment only (server/src/wecom/config.ts). */
  wecom: WecomConfig;
  storage: FileConfig['storage'] & {
    oss: FileConfig['storage']['oss'] & { accessKeyId: string; accessKeySecret: string; multipartThreshold: number; partSize: number };
  };
}

type Env = Record<string, string | undefined>;

export interface UtilityDefaults {
  name: string;
  shortName: string | null;
  address: string | null;
  phone: string | null;
  bankName: string | null;
  bankAccount: string | null;
  accountName: string | null;
}

/** A fresh installation still prints a sensible letterhead: the manual's 自来水有限公司 unless UTILITY_NAME says otherwise. */
function utilityDefaults(env: Env): UtilityDefaults {
  const value = (key: string) => env[key]?.trim() || null;
  return {
    name: value('UTILITY_NAME') ?? '自来水有限公司',
    shortName: value('UTILITY_SHORT_NAME'),
    address: value('UTILITY_ADDRESS'),
    phone: value('UTILITY_PHONE'),
    bankName: value('UTILITY_BANK_NAME'),
    bankAccount: value('UTILITY_BANK_ACCOUNT'),
    accountName: value('UTILITY_ACCOUNT_NAME'),
  };
}

const bool = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined || value === '' ? fallback : ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());

const positiveInt = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n > 0 ? n : fallback;
};

/** A template's field map (`{"thing2":"title",…}`) from the environment, else the file's. */
function jsonFields(value: string | undefined, fallback: Record<string, string>): Record<string, string> {
  if (value === undefined || value === '') {
    return fallback;
  }
  return z.record(z.string(), z.string()).parse(JSON.parse(value));
}

/** What template messages open; a misspelt value stops the start rather than silently opening the other. */
function templateJump(value: string | undefined, fallback: 'h5' | 'miniprogram'): 'h5' | 'miniprogram' {
  if (value === undefined || value === '') {
    return fallback;
  }
  if (value !== 'h5' && value !== 'miniprogram') {
    throw new Error(`WECHAT_OA_TEMPLATE_JUMP 只能是 h5（打开网页，默认）或 miniprogram（打开已关联的小程序），当前为 ${value}`);
  }
  return value;
}

/** PHOTO_MAX_SIDE (px) and PHOTO_JPEG_QUALITY (0.5–1): a value out of range stops the start instead of uploading 10 MB photos. */
function photoUpload(env: Env, fallback: FileConfig['photoUpload']): FileConfig['photoUpload'] {
  const number = (value: string | undefined, current: number) => (value === undefined || value === '' ? current : Number(value));
  return fileSchema.shape.photoUpload.parse({
    maxSide: number(env.PHOTO_MAX_SIDE, fallback.maxSide),
    jpegQuality: number(env.PHOTO_JPEG_QUALITY, fallback.jpegQuality),
  });
}

/** Reads or creates the generated secrets file, so that tokens survive restarts without configuration. */
function generatedJwtSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    const parsed = z.object({ jwtSecret: z.string().min(32) }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) {
      return parsed.data.jwtSecret;
    }
  }
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify({ jwtSecret: secret }, null, 2), { mode: 0o600 });
  return secret;
}

/** Which database a DATABASE_URL names: mysql:// and mariadb:// are MySQL, anything else SQLite. */
export function databaseDialectOf(databaseUrl: string): Config['databaseDialect'] {
  return databaseUrl.startsWith('mysql:') || databaseUrl.startsWith('mariadb:') ? 'mysql' : 'sqlite';
}

/** Configuration from config/default.json, overridden by environment variables (12-factor). */
export function loadConfig(env: Env = process.env): Config {
  const raw: unknown = JSON.parse(readFileSync(path.join(REPO_ROOT, 'config', 'default.json'), 'utf8'));
  const file = fileSchema.parse(raw);

  const port = env.PORT !== undefined && env.PORT !== '' ? Number(env.PORT) : file.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  }
  const dataDir = path.resolve(REPO_ROOT, env.DATA_DIR || file.dataDir);
  const databaseUrl = env.DATABASE_URL || file.databaseUrl || `sqlite:${path.join(dataDir, 'app.sqlite')}`;
  const databaseDialect = databaseDialectOf(databaseUrl);
  if (databaseDialect === 'sqlite' && !databaseUrl.startsWith('sqlite:')) {
    throw new Error('DATABASE_URL must start with sqlite: or mysql://');
  }
  const jwtSecret = env.JWT_SECRET || generatedJwtSecret(dataDir);
  if (jwtSecret.length < 32) {
    throw new Error('JWT_SECRET must be at least 32 characters');
  }

  const uploadLimitsMb: Record<string, number> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^UPLOAD_MAX_MB_([A-Z_]+)$/.exec(key);
    const mb = Number(value);
    if (match?.[1] && Number.isFinite(mb) && mb > 0) {
      uploadLimitsMb[match[1].toLowerCase()] = mb;
    }
  }

  return {
    ...file,
    uploadLimitsMb,
    port,
    host: env.HOST || file.host,
    dataDir,
    databaseUrl,
    databaseDialect,
    publicUrl: env.PUBLIC_URL || file.publicUrl || `http://localhost:${port}`,
    logLevel: env.LOG_LEVEL || file.logLevel,
    jwtSecret,
    cookieSecret: env.COOKIE_SECRET || createHmac('sha256', jwtSecret).update('cookie-secret').digest('base64url'),
    migrateOnStart: bool(env.MIGRATE_ON_START, file.migrateOnStart),
    photoUpload: photoUpload(env, file.photoUpload),
    seedDemo: bool(env.SEED_DEMO, file.seedDemo),
    utility: utilityDefaults(env),
    sms: smsConfig(env),
    wecom: wecomFromEnv(env),
    pdfFont: {
      // Debian/Ubuntu: apt-get install fonts-wqy-microhei.
      path: env.PDF_FONT || '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
      family: env.PDF_FONT_FAMILY || 'WenQuanYiMicroHei',
    },
    storage: {
      driver: env.STORAGE_DRIVER === 'oss' ? 'oss' : env.STORAGE_DRIVER === 'local' ? 'local' : file.storage.driver,
      oss: {
        region: env.OSS_REGION || file.storage.oss.region,
        bucket: env.OSS_BUCKET || file.storage.oss.bucket,
        endpoint: env.OSS_ENDPOINT || file.storage.oss.endpoint,
        cname: bool(env.OSS_CNAME, file.storage.oss.cname),
        signedUrlSeconds: file.storage.oss.signedUrlSeconds,
        accessKeyId: env.OSS_ACCESS_KEY_ID ?? '',
        accessKeySecret: env.OSS_ACCESS_KEY_SECRET ?? '',
        // Files above the threshold go up in parts; OSS needs parts of at least 100 KB.
        multipartThreshold: Math.max(0.1, Number(env.OSS_MULTIPART_MB) || 16) * 1024 * 1024,
        partSize: Math.max(0.1, Number(env.OSS_PART_MB) || 8) * 1024 * 1024,
      },
    },
    wechat: {
      apiBase: env.WECHAT_API_BASE || file.wechat.apiBase,
      oauthBase: env.WECHAT_OAUTH_BASE || file.wechat.oauthBase,
      miniProgram: {
        appId: env.WECHAT_MP_APP_ID || file.wechat.miniProgram.appId,
        appSecret: env.WECHAT_MP_APP_SECRET || file.wechat.miniProgram.appSecret,
        state: z.enum(['developer', 'trial', 'formal']).catch(file.wechat.miniProgram.state).parse(env.WECHAT_MP_STATE),
      },
      officialAccount: {
        appId: env.WECHAT_OA_APP_ID || file.wechat.officialAccount.appId,
        appSecret: env.WECHAT_OA_APP_SECRET || file.wechat.officialAccount.appSecret,
        token: env.WECHAT_OA_TOKEN || file.wechat.officialAccount.token,
        encodingAESKey: env.WECHAT_OA_AES_KEY || file.wechat.officialAccount.encodingAESKey,
      },
      templates: {
        subscribe: {
          id: env.WECHAT_SUBSCRIBE_TEMPLATE_ID || file.wechat.templates.subscribe.id,
          page: env.WECHAT_SUBSCRIBE_PAGE || file.wechat.templates.subscribe.page,
          fields: jsonFields(env.WECHAT_SUBSCRIBE_TEMPLATE_FIELDS, file.wechat.templates.subscribe.fields),
        },
        official: {
          id: env.WECHAT_OA_TEMPLATE_ID || file.wechat.templates.official.id,
          fields: jsonFields(env.WECHAT_OA_TEMPLATE_FIELDS, file.wechat.templates.official.fields),
          jump: templateJump(env.WECHAT_OA_TEMPLATE_JUMP, file.wechat.templates.official.jump),
        },
      },
      staffGroup: {
        puppet: env.WECHATY_PUPPET || file.wechat.staffGroup.puppet,
        token: env.WECHATY_PUPPET_SERVICE_TOKEN || file.wechat.staffGroup.token,
        endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT || file.wechat.staffGroup.endpoint,
        roomTopic: env.WECHATY_ROOM_TOPIC || file.wechat.staffGroup.roomTopic,
      },
    },
    workers: {
      inProcess: bool(env.IN_PROCESS_WORKERS, file.workers.inProcess),
      pollMs: positiveInt(env.WORKER_POLL_MS, file.workers.pollMs),
      leaseSeconds: positiveInt(env.WORKER_LEASE_SECONDS, file.workers.leaseSeconds),
    },
  };
}
