import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DataTypes, Op, UniqueConstraintError, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import { withTransaction } from '../db/transaction';
import { TOKEN_PATH, WechatNetworkError, isTokenError } from './client';

interface TokenRow extends Model {
  appId: string;
  accessToken: string | null;
  expiresAt: Date | null;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  fetchCount: number;
}

/**
 * The table is defined on the Sequelize instance it is given (not bound once like the other models),
 * so that a test can run two stores on two connections as two server processes would.
 */
function tokenModel(sequelize: Sequelize): ModelStatic<TokenRow> {
  if (sequelize.isDefined('WechatAccessToken')) {
    return sequelize.model('WechatAccessToken') as ModelStatic<TokenRow>;
  }
  return sequelize.define<TokenRow>(
    'WechatAccessToken',
    {
      appId: { type: DataTypes.STRING(64), primaryKey: true },
      accessToken: { type: DataTypes.STRING(600), allowNull: true },
      expiresAt: { type: DataTypes.DATE(3), allowNull: true },
      leaseOwner: { type: DataTypes.STRING(100), allowNull: true },
      leaseUntil: { type: DataTypes.DATE(3), allowNull: true },
      fetchCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    { tableName: 'wechat_access_tokens', underscored: true, createdAt: false, updatedAt: 'updatedAt' },
  );
}

export interface FetchedToken {
  accessToken: string;
  expiresInSeconds: number;
}

/** Fetches the app's token; `force`: WeChat voided the current one yet normal mode hands it back. */
export type TokenFetcher = (force: boolean) => Promise<FetchedToken>;

export interface TokenStoreOptions {
  /** Refresh this long before expiry, so that no call starts with a token about to lapse. */
  refreshMarginMs?: number;
  /** How long one process may hold the refresh lease before another may take over. */
  leaseMs?: number;
  pollMs?: number;
  owner?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The access token of one WeChat app, shared by every server process through one database row.
 * Refresh is single-flight: in a process, concurrent callers share one promise; across processes,
 * the one that takes the row's lease (a conditional UPDATE, atomic on SQLite and MariaDB alike)
 * fetches, and the others wait for the row to change.
 *
 * Refreshes ask `stable_token` in normal mode. A token WeChat voided (40001) stays in the row with
 * its expiry cleared, so that whichever process refreshes can tell: when normal mode hands that very
 * token back, only a forced refresh replaces it. When normal mode hands out another one, another
 * system on the AppID forced a refresh and we take its token rather than voiding it in turn (forced
 * refreshes void the token for every holder, and are limited to 20 a day).
 */
export class TokenStore {
  private readonly model: ModelStatic<TokenRow>;
  private readonly owner: string;
  private readonly refreshMarginMs: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private cached: { token: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly sequelize: Sequelize,
    readonly appId: string,
    private readonly fetchToken: TokenFetcher,
    options: TokenStoreOptions = {},
  ) {
    this.model = tokenModel(sequelize);
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.leaseMs = options.leaseMs ?? 15_000;
    this.pollMs = options.pollMs ?? 100;
  }

  /** A token valid for at least the refresh margin (or the current one while another process refreshes). */
  async get(): Promise<string> {
    if (this.cached && this.cached.expiresAt - Date.now() > this.refreshMarginMs) {
      return this.cached.token;
    }
    this.inflight ??= this.load().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** The token and its expiry as stored (for wechat-api's getToken callback). */
  async getWithExpiry(): Promise<{ token: string; expiresAt: number }> {
    const token = await this.get();
    return { token, expiresAt: this.cached?.token === token ? this.cached.expiresAt : Date.now() + 60_000 };
  }

  /**
   * WeChat refused `stale` with `errcode` (40001 voided, 40014 invalid, 42001 expired): the next
   * `get` fetches a new one. Conditional on the stored token still being `stale`, so that several
   * processes reporting the same stale token cause one refresh, not one each. A voided token is kept
   * (without expiry) to be recognised if normal mode hands it back; an unknown code counts as 40001.
   */
  async invalidate(stale: string, errcode = 40001): Promise<void> {
    if (this.cached?.token === stale) {
      this.cached = null;
    }
    await withTransaction(this.sequelize, (t) =>
      this.model.update(
        { accessToken: errcode === 40001 ? stale : null, expiresAt: null },
        { where: { appId: this.appId, accessToken: stale }, transaction: t },
      ),
    );
  }

  /** Stores a token fetched by someone else (wechat-api's saveToken), if it is newer than ours. */
  async save(token: string, expiresAt: Date): Promise<void> {
    await this.ensureRow();
    await withTransaction(this.sequelize, (t) =>
      this.model.update(
        { accessToken: token, expiresAt },
        { where: { appId: this.appId, [Op.or]: [{ expiresAt: null }, { expiresAt: { [Op.lt]: expiresAt } }] }, transaction: t },
      ),
    );
    this.cached = { token, expiresAt: expiresAt.getTime() };
  }

  /** How many times any process fetched this app's token (for operators and tests). */
  async fetchCount(): Promise<number> {
    const row = await this.model.findByPk(this.appId);
    return row?.fetchCount ?? 0;
  }

  private async ensureRow(): Promise<void> {
    if (await this.model.findByPk(this.appId)) {
      return;
    }
    try {
      await withTransaction(this.sequelize, (t) =>
        this.model.create(
          { appId: this.appId, accessToken: null, expiresAt: null, leaseOwner: null, leaseUntil: null, fetchCount: 0 },
          { transaction: t },
        ),
      );
    } catch (error) {
      if (!(error instanceof UniqueConstraintError)) {
        throw error;
      }
    }
  }

  private fresh(row: TokenRow | null, now: number): row is TokenRow & { accessToken: string; expiresAt: Date } {
    return Boolean(row?.accessToken && row.expiresAt && row.expiresAt.getTime() - now > this.refreshMarginMs);
  }

  private async load(): Promise<string> {
    await this.ensureRow();
    const deadline = Date.now() + this.leaseMs * 2;
    for (;;) {
      const now = Date.now();
      const row = await this.model.findByPk(this.appId);
      if (this.fresh(row, now)) {
        this.cached = { token: row.accessToken, expiresAt: row.expiresAt.getTime() };
        return row.accessToken;
      }
      const [won] = await withTransaction(this.sequelize, (t) =>
        this.model.update(
          { leaseOwner: this.owner, leaseUntil: new Date(now + this.leaseMs) },
          { where: { appId: this.appId, [Op.or]: [{ leaseUntil: null }, { leaseUntil: { [Op.lt]: new Date(now) } }] }, transaction: t },
        ),
      );
      if (won === 1) {
        return this.refreshHoldingLease();
      }
      // Another process is refreshing. A token inside the margin still works meanwhile.
      if (row?.accessToken && row.expiresAt && row.expiresAt.getTime() > now + 1_000) {
        return row.accessToken;
      }
      if (Date.now() > deadline) {
        throw new WechatNetworkError(`access token of ${this.appId}: refresh by another process did not finish`, 'no', TOKEN_PATH);
      }
      await sleep(this.pollMs);
    }
  }

  private async refreshHoldingLease(): Promise<string> {
    const release = () =>
      withTransaction(this.sequelize, (t) =>
        this.model.update({ leaseOwner: null, leaseUntil: null }, { where: { appId: this.appId, leaseOwner: this.owner }, transaction: t }),
      );
    try {
      // Someone may have stored a fresh token between our read and our lease.
      const again = await this.model.findByPk(this.appId);
      if (this.fresh(again, Date.now())) {
        await release();
        this.cached = { token: again.accessToken, expiresAt: again.expiresAt.getTime() };
        return again.accessToken;
      }
      // The network call runs outside any transaction: nothing is held while WeChat answers.
      const voided = again?.accessToken && again.expiresAt === null ? again.accessToken : null;
      let fetched = await this.fetchToken(false);
      if (voided !== null && fetched.accessToken === voided) {
        // WeChat voided this token (40001), yet normal mode hands it back: only a forced refresh replaces it.
        fetched = await this.fetchToken(true);
      }
      const expiresAt = new Date(Date.now() + fetched.expiresInSeconds * 1000);
      await withTransaction(this.sequelize, async (t) => {
        const row = await this.model.findByPk(this.appId, { transaction: t });
        await this.model.update(
          { accessToken: fetched.accessToken, expiresAt, leaseOwner: null, leaseUntil: null, fetchCount: (row?.fetchCount ?? 0) + 1 },
          { where: { appId: this.appId }, transaction: t },
        );
      });
      this.cached = { token: fetched.accessToken, expiresAt: expiresAt.getTime() };
      return fetched.accessToken;
    } catch (error) {
      await release().catch(() => undefined);
      throw error;
    }
  }
}

/** Calls `call` with the app's access token; on a token error, reports it and tries once more. */
export async function withAccessToken<T>(tokens: TokenStore, call: (token: string) => Promise<T>): Promise<T> {
  const token = await tokens.get();
  try {
    return await call(token);
  } catch (error) {
    if (!isTokenError(error)) {
      throw error;
    }
    await tokens.invalidate(token, error.errcode);
    return call(await tokens.get());
  }
}
