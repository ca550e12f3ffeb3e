import type { QueryInterface } from 'sequelize';
import * as initial from './0001-initial';
import * as wechat from './0003-wechat';
import * as listIndexes from './0004-list-indexes';
import * as historyHead from './0005-history-head';
import * as workCalendar from './0006-work-calendar';
import * as utilityProfile from './0007-utility-profile';
import * as applicationMaterials from './0008-application-materials';
import * as sms from './0009-sms';
import * as verification from './0010-verification';
import * as wecom from './0011-wecom';
import * as customerClock from './0012-customer-clock';
import * as settingsVersions from './0013-settings-versions';
import * as reasonCategories from './0014-reason-categories';
import * as fastTrack from './0015-fast-track';
import * as ratings from './0017-ratings';
import * as reportTargets from './0018-report-targets';
import * as meterBilling from './0016-meter-billing';

export interface Migration {
  name: string;
  up: (params: { context: QueryInterface }) => Promise<void>;
  down: (params: { context: QueryInterface }) => Promise<void>;
}

/** Every migration, in order. Listed by hand so that they run the same under tsx, jest and a bundle. */
export const MIGRATIONS: Migration[] = [
  { name: '0001-initial', ...initial },
  { name: '0003-wechat', ...wechat },
  { name: '0004-list-indexes', ...listIndexes },
  { name: '0005-history-head', ...historyHead },
  { name: '0006-work-calendar', ...workCalendar },
  { name: '0007-utility-profile', ...utilityProfile },
  { name: '0008-application-materials', ...applicationMaterials },
  { name: '0009-sms', ...sms },
  { name: '0010-verification', ...verification },
  { name: '0011-wecom', ...wecom },
  { name: '0012-customer-clock', ...customerClock },
  { name: '0013-settings-versions', ...settingsVersions },
  { name: '0014-reason-categories', ...reasonCategories },
  { name: '0015-fast-track', ...fastTrack },
  { name: '0016-meter-billing', ...meterBilling },
  { name: '0017-ratings', ...ratings },
  { name: '0018-report-targets', ...reportTargets },
];
