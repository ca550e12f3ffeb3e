import Router from '@koa/router';
import type { AppState } from '../context';
import { NotFoundError } from '../errors';
import { jsonBody } from '../middlewares/requestBody';
import applicants from './applicants/applicants';
import applications from './applications/applications';
import ratings from './applications/rating';
import attachments from './attachments/attachments';
import audit from './audit/audit';
import calendarImport from './settings/calendarImport';
import auth from './auth/auth';
import claims from './claims/claims';
import dossier from './dossier/dossier';
import exportsRouter from './exports/exports';
import fastTrackSettings from './settings/fastTrack';
import billingExport from './exports/billing';
import billingExportSettings from './settings/billingExport';
import notifications from './notifications/notifications';
import report from './report/report';
import materialSettings from './settings/materials';
import settings from './settings/settings';
import smsTemplates from './settings/smsTemplates';
import reasonSettings from './settings/reasons';
import reasonStats from './stats/reasons';
import utilitySettings from './settings/utility';
import stats from './stats/stats';
import ratingStats from './stats/ratings';
import users from './users/users';
import wechat from './wechat/wechat';
import wecom from './wecom/wecom';
import workflow from './workflow/workflow';
import worklist from './worklist/worklist';

/** Every API resource under /api, one folder each. */
export function apiRouter(): Router<AppState> {
  const api = new Router<AppState>({ prefix: '/api' });
  // JSON bodies are the API's alone (health checks, pages and files have none; WeChat sends XML).
  api.use(jsonBody());
  for (const resource of [
    auth,
    applications,
    ratings,
    attachments,
    worklist,
    users,
    calendarImport,
    settings,
    utilitySettings,
    materialSettings,
    fastTrackSettings,
    smsTemplates,
    reasonSettings,
    reasonStats,
    workflow,
    stats,
    report,
    ratingStats,
    exportsRouter,
    billingExport,
    billingExportSettings,
    dossier,
    wechat,
    wecom,
    notifications,
    audit,
    applicants,
    claims,
  ]) {
    api.use(resource.routes(), resource.allowedMethods());
  }
  api.all('/{*rest}', () => {
    throw new NotFoundError('接口不存在');
  });
  return api;
}

export { health } from './health/health';
export { wechatPushRouter } from './wechat/push';
