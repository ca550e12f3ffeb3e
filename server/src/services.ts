import type { Logger } from 'pino';
import type { Sequelize } from 'sequelize';
import type { Config } from './config';

/** Process-wide services, set once at start (and once per test file). */
export interface Services {
  config: Config;
  sequelize: Sequelize;
  logger: Logger;
  /** "Now" for date-dependent answers (the calendar's warning); tests set it to choose the day. */
  now?: () => Date;
}

/** The current time, or the one a test chose. */
export function currentTime(): Date {
  return current?.now?.() ?? new Date();
}

let current: Services | undefined;

export function setServices(services: Services): void {
  current = services;
}

export function services(): Services {
  if (!current) {
    throw new Error('services used before the server was initialised');
  }
  return current;
}
