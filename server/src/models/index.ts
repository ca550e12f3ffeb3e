import { watchSetting } from '../db/settingsCache';
import type { Sequelize } from 'sequelize';
import { Application } from './Application';
import { Attachment } from './Attachment';
import { AuditEvent } from './AuditEvent';
import { BillingExportColumn } from './BillingExportColumn';
import { CalendarEntry } from './CalendarEntry';
import { Contract } from './Contract';
import { ContractStageSetting } from './ContractStageSetting';
import { Counter } from './Counter';
import { CustomerReminder } from './CustomerReminder';
import { FastTrackRule } from './FastTrackRule';
import { HistoryEntry } from './HistoryEntry';
import { MaterialSetting } from './MaterialSetting';
import { IdempotencyKey } from './IdempotencyKey';
import { OutboxDelivery } from './OutboxDelivery';
import { OutboxMessage } from './OutboxMessage';
import { OverdueAlert } from './OverdueAlert';
import { Rating } from './Rating';
import { ReasonCategory } from './ReasonCategory';
import { ReportTarget } from './ReportTarget';
import { SmsQuota } from './SmsQuota';
import { SmsTemplate } from './SmsTemplate';
import { SettingsVersion } from './SettingsVersion';
import { StepSetting } from './StepSetting';
import { User } from './User';
import { UserRole } from './UserRole';
import { UtilityProfile } from './UtilityProfile';
import { WecomStepRobot } from './WecomStepRobot';
import { VerificationCode } from './VerificationCode';
import { WechatFollower } from './WechatFollower';
import { WechatLoginTicket } from './WechatLoginTicket';
import { WechatSubscription } from './WechatSubscription';
import { WechatUsedKey } from './WechatUsedKey';

export {
  Application,
  Attachment,
  AuditEvent,
  BillingExportColumn,
  CalendarEntry,
  Contract,
  ContractStageSetting,
  Counter,
  CustomerReminder,
  FastTrackRule,
  HistoryEntry,
  IdempotencyKey,
  MaterialSetting,
  OutboxMessage,
  Rating,
  SettingsVersion,
  StepSetting,
  User,
  UserRole,
  UtilityProfile,
  VerificationCode,
  WecomStepRobot,
  OutboxDelivery,
  OverdueAlert,
  ReasonCategory,
  ReportTarget,
  SmsQuota,
  SmsTemplate,
  WechatFollower,
  WechatLoginTicket,
  WechatSubscription,
  WechatUsedKey,
};

/** Binds every model to the database and declares their associations. Called once per process. */
export function initModels(sequelize: Sequelize): void {
  for (const model of [
    User,
    UserRole,
    Application,
    HistoryEntry,
    Attachment,
    Contract,
    Counter,
    StepSetting,
    ContractStageSetting,
    OutboxMessage,
    IdempotencyKey,
    AuditEvent,
    CalendarEntry,
    UtilityProfile,
    MaterialSetting,
    BillingExportColumn,
    SettingsVersion,
    WecomStepRobot,
    VerificationCode,
    OutboxDelivery,
    OverdueAlert,
    SmsTemplate,
    SmsQuota,
    CustomerReminder,
    WechatFollower,
    WechatLoginTicket,
    WechatSubscription,
    WechatUsedKey,
    ReasonCategory,
    Rating,
    ReportTarget,
    FastTrackRule,
  ]) {
    model.initModel(sequelize);
  }
  // The settings every action reads are cached per process under a version these writes replace.
  watchSetting(StepSetting, 'step_settings');
  watchSetting(CalendarEntry, 'work_calendar');
  watchSetting(MaterialSetting, 'material_settings');
  watchSetting(UtilityProfile, 'utility_profile');
  watchSetting(ReasonCategory, 'reason_categories');
  watchSetting(FastTrackRule, 'fast_track_rules');
  User.hasMany(UserRole, { as: 'roles', foreignKey: 'userId' });
  UserRole.belongsTo(User, { foreignKey: 'userId' });
  Application.hasOne(Contract, { as: 'contract', foreignKey: 'applicationId' });
  Application.belongsTo(User, { as: 'applicant', foreignKey: 'applicantUserId' });
  Application.belongsTo(User, { as: 'currentAssignee', foreignKey: 'currentAssigneeId' });
  Application.hasMany(HistoryEntry, { as: 'history', foreignKey: 'applicationId' });
  Application.hasMany(Attachment, { as: 'attachments', foreignKey: 'applicationId' });
  Attachment.belongsTo(Application, { as: 'application', foreignKey: 'applicationId' });
}
