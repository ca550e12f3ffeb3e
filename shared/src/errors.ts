/**
 * Stable error codes shared by server and clients. Clients switch on `code`, never on message text.
 * Each code has a default Chinese message that the server sends when it has nothing more specific.
 */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: '提交的信息有误，请检查标红的字段',
  BAD_REQUEST: '请求格式不正确',
  UNAUTHENTICATED: '请先登录',
  TOKEN_EXPIRED: '登录已过期，请重新登录',
  INVALID_CREDENTIALS: '用户名或密码错误',
  ACCOUNT_LOCKED: '登录失败次数过多，账号已临时锁定，请稍后再试',
  ACCOUNT_DISABLED: '账号已停用，请联系管理员',
  FORBIDDEN: '您没有权限执行此操作',
  NOT_FOUND: '未找到相关记录',
  CONFLICT: '数据已被他人修改，请刷新后重试',
  STATE_CONFLICT: '报装状态已变化，请刷新后重试',
  DUPLICATE: '记录已存在',
  USERNAME_TAKEN: '用户名已被使用',
  ACTION_NOT_ALLOWED: '当前状态下不能执行此操作',
  UNKNOWN_ACTION: '没有这个操作',
  GUARD_FAILED: '办理条件尚未满足',
  IDEMPOTENCY_MISMATCH: '重复提交的请求内容与首次不一致',
  PAYLOAD_TOO_LARGE: '文件或请求内容过大',
  UNSUPPORTED_MEDIA_TYPE: '文件类型不被允许',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  WECHAT_ERROR: '微信服务暂时不可用，请稍后再试',
  DATABASE_UNAVAILABLE: '服务暂时不可用，请几秒后重试',
  /** Something the server needs for this one feature is not installed (the message names it); retrying will not help. */
  FEATURE_UNAVAILABLE: '该功能暂不可用，请联系管理员',
  INTERNAL: '服务器开小差了，请稍后再试',
} as const;

/** Every error code the API can return. */
export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as ErrorCode[];

/** A field-level validation message: `path` is the dotted field path, `message` is Chinese. */
export interface FieldError {
  path: string;
  message: string;
}

/** The body of every failed API response. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: FieldError[];
  };
}

/** The body of every successful API response. */
export interface ApiSuccessBody<T, M = undefined> {
  data: T;
  meta?: M;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in ERROR_MESSAGES;
}
