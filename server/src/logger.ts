import pino, { type Logger } from 'pino';

const MOBILE = /(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])/g;
const CREDIT_CODE = /(?<![0-9A-Z])([0-9A-HJ-NPQRTUWXY]{4})[0-9A-HJ-NPQRTUWXY]{10}([0-9A-HJ-NPQRTUWXY]{4})(?![0-9A-Z])/g;
const LANDLINE = /(?<![0-9])(0[0-9]{2,3}-?)[0-9]{3,4}([0-9]{4})(?![0-9])/g;

/** Hides phone numbers and credit codes inside any string that is about to be logged. */
export function maskText(text: string): string {
  return text.replace(MOBILE, '$1****$2').replace(CREDIT_CODE, '$1**********$2').replace(LANDLINE, '$1****$2');
}

/** Deep copy of a log payload with PII masked; secrets are removed by pino's redact. */
export function maskPii(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return maskText(value);
  }
  if (depth > 6 || value === null || typeof value !== 'object') {
    return value;
  }
  if (value instanceof Error) {
    return { type: value.name, message: maskText(value.message), stack: value.stack ? maskText(value.stack) : undefined };
  }
  if (Array.isArray(value)) {
    return value.map((v) => maskPii(v, depth + 1));
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPii(v, depth + 1)]));
}

/** The application logger: JSON lines, secrets redacted, phones and credit codes masked. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'password',
          '*.password',
          'passwordHash',
          '*.passwordHash',
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'req.headers.authorization',
          'req.headers.cookie',
          'session_key',
          '*.session_key',
          'sessionKey',
          '*.sessionKey',
          'secret',
          '*.secret',
        ],
        censor: '[redacted]',
      },
      formatters: {
        log: (object) => maskPii(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => maskPii(a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    destination,
  );
}
