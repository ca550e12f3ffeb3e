import type { Transaction } from 'sequelize';
import {
  APPLICANT_KINDS,
  DEFAULT_MATERIAL_SETTINGS,
  MATERIAL_CATEGORIES,
  isMaterialCategory,
  type ApplicantKind,
  type MaterialSettings,
} from '@wc/shared';
import type { AuthUser } from '../context';
import { cachedSetting } from '../db/settingsCache';
import { MaterialSetting } from '../models';
import { recordAudit } from './audit';

/**
 * 申请材料设置 as stored, defaults where nothing is stored. Eight rows at most, needed by every
 * action and list (the facts): kept in the process under the setting's version
 * (db/settingsCache.ts), so a change counts in every server process at once. Frozen: shared.
 */
export function materialSettings(t?: Transaction): Promise<MaterialSettings> {
  return cachedSetting('material_settings', '', t, () => readMaterialSettings(t));
}

async function readMaterialSettings(t?: Transaction): Promise<MaterialSettings> {
  const rows = await MaterialSetting.findAll({ attributes: ['kind', 'category', 'mode'], transaction: t });
  const settings: MaterialSettings = {
    enterprise: { ...DEFAULT_MATERIAL_SETTINGS.enterprise },
    resident: { ...DEFAULT_MATERIAL_SETTINGS.resident },
  };
  for (const row of rows) {
    if ((APPLICANT_KINDS as readonly string[]).includes(row.kind) && isMaterialCategory(row.category)) {
      settings[row.kind][row.category] = row.mode;
    }
  }
  Object.freeze(settings.enterprise);
  Object.freeze(settings.resident);
  return Object.freeze(settings);
}

/** Replaces the whole setting (both kinds, every paper) and audits it with the new values. */
export async function replaceMaterialSettings(actor: AuthUser, settings: MaterialSettings, t: Transaction): Promise<void> {
  const now = new Date();
  await MaterialSetting.destroy({ where: {}, transaction: t });
  await MaterialSetting.bulkCreate(
    APPLICANT_KINDS.flatMap((kind: ApplicantKind) =>
      MATERIAL_CATEGORIES.map((category) => ({ kind, category, mode: settings[kind][category], updatedAt: now })),
    ),
    { transaction: t },
  );
  await recordAudit({ actorUserId: actor.id, action: 'settings.materials', targetType: 'materials', data: { ...settings } }, t, now);
}
