import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Transaction } from 'sequelize';
import {
  FILE_KIND_MIME,
  UTILITY_IMAGE_LABELS,
  type FileKind,
  type NotificationSender,
  type PaymentInstructionsView,
  type UtilityImage,
  type UtilityProfileValues,
  type UtilityPublicView,
  type UtilityStaffView,
} from '@wc/shared';
import type { UtilityDefaults } from '../config';
import type { AuthUser } from '../context';
import { withTransaction } from '../db/transaction';
import { AppError } from '../errors';
import { UtilityProfile } from '../models';
import { cachedSetting } from '../db/settingsCache';
import { services } from '../services';
import { storage } from '../storage';
import { sniffFile } from './attachments/sniff';
import type { SpooledFile } from './attachments/spool';
import { recordAudit } from './audit';

/** The profile is one row; its id is fixed so that saving is an upsert of that row. */
const PROFILE_ID = 1;

/** The only image kinds a seal or a logo may be: what every browser and printer shows. */
const IMAGE_KINDS: readonly FileKind[] = ['png', 'jpeg'];

/**
 * The saved profile, or null before an administrator saved one. Every notice a transition writes
 * names the utility: kept in the process under the profile's version (db/settingsCache.ts).
 * Shared between requests: read it, never change it (saving reads the row anew, locked).
 */
export function loadUtilityProfile(t?: Transaction): Promise<UtilityProfile | null> {
  return cachedSetting('utility_profile', '', t, () => UtilityProfile.findByPk(PROFILE_ID, { transaction: t }));
}

/**
 * Who the applicant's notices come from (单位信息's name and service phone, or the installation's
 * defaults before an administrator saved them), for the texts written with a transition.
 */
export async function notificationSender(t?: Transaction): Promise<NotificationSender> {
  const view = utilityView(await loadUtilityProfile(t), services().config.utility, false);
  return { name: view.shortName || view.name, phone: view.phone };
}

/** An image's URL, versioned by its content so that a browser may cache it until it changes. */
function imageUrl(image: UtilityImage, sha256: string | null): string | null {
  return sha256 ? `/api/settings/utility/${image}?v=${sha256.slice(0, 12)}` : null;
}

/** The profile as `viewer` may read it: the letterhead for anyone, payment details and seal for staff. */
export function utilityView(row: UtilityProfile | null, defaults: UtilityDefaults, staff: boolean): UtilityPublicView | UtilityStaffView {
  const source = row ?? { ...defaults, contractPartyB: null, paymentCounters: null, sealSha256: null, logoSha256: null };
  const view: UtilityPublicView = {
    name: source.name,
    shortName: source.shortName,
    address: source.address,
    phone: source.phone,
    logoUrl: imageUrl('logo', source.logoSha256),
    configured: row !== null,
  };
  if (!staff) {
    return view;
  }
  return {
    ...view,
    bankName: source.bankName,
    bankAccount: source.bankAccount,
    accountName: source.accountName,
    contractPartyB: source.contractPartyB,
    paymentCounters: source.paymentCounters ?? null,
    sealUrl: imageUrl('seal', source.sealSha256),
  };
}

const TEXT_FIELDS = [
  'name',
  'shortName',
  'address',
  'phone',
  'bankName',
  'bankAccount',
  'accountName',
  'contractPartyB',
  'paymentCounters',
] as const;

/** 缴费: where the applicant pays, from the saved profile (or the installation's defaults). */
export async function paymentInstructions(t?: Transaction): Promise<PaymentInstructionsView> {
  const view = utilityView(await loadUtilityProfile(t), services().config.utility, true) as UtilityStaffView;
  return {
    payee: view.shortName || view.name,
    bankName: view.bankName,
    bankAccount: view.bankAccount,
    accountName: view.accountName,
    counters: view.paymentCounters,
    phone: view.phone,
  };
}

/** The row of `t`, locked; created from the defaults when there is none yet. */
async function lockedProfile(t: Transaction): Promise<UtilityProfile> {
  const row = await UtilityProfile.findByPk(PROFILE_ID, { transaction: t, lock: t.LOCK.UPDATE });
  if (row) {
    return row;
  }
  const d = services().config.utility;
  return UtilityProfile.build({
    id: PROFILE_ID,
    ...d,
    contractPartyB: null,
    paymentCounters: null,
    sealKey: null,
    sealMime: null,
    sealSha256: null,
    logoKey: null,
    logoMime: null,
    logoSha256: null,
  });
}

/** Saves the whole profile; the audit event names the fields that changed (their values are in the row). */
export async function saveUtilityProfile(actor: AuthUser, values: UtilityProfileValues, t: Transaction): Promise<UtilityProfile> {
  const row = await lockedProfile(t);
  const wasNew = row.isNewRecord;
  // A first save names what it fills in; later ones what they change.
  const changed = TEXT_FIELDS.filter((key) => (wasNew ? values[key] !== undefined : (row[key] ?? null) !== (values[key] ?? null)));
  for (const key of TEXT_FIELDS) {
    row.set(key, values[key] ?? null);
  }
  await row.save({ transaction: t });
  await recordAudit(
    { actorUserId: actor.id, action: 'settings.utility', targetType: 'utility_profile', data: { fields: changed, name: values.name } },
    t,
  );
  return row;
}

/** Refuses anything but PNG and JPEG (415, in Chinese), from the file's own bytes. */
export function checkImageKind(image: UtilityImage, kind: FileKind | null): FileKind {
  if (!kind || !IMAGE_KINDS.includes(kind)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${UTILITY_IMAGE_LABELS[image]}只能是 PNG 或 JPEG 图片`);
  }
  return kind;
}

/**
 * Stores a spooled image as the profile's seal or logo. The object is written first (under
 * `settings/`, which the attachment sweeper leaves alone) and removed again if the row cannot be
 * saved; the replaced object is removed only after the new row committed. So the row never names a
 * missing object, and a refused upload changes nothing.
 */
export async function replaceUtilityImage(actor: AuthUser, image: UtilityImage, spooled: SpooledFile): Promise<UtilityProfile> {
  try {
    const kind = checkImageKind(image, await sniffFile(spooled.path));
    const key = `settings/utility/${image}-${randomUUID()}.${kind === 'jpeg' ? 'jpg' : kind}`;
    const driver = storage();
    await driver.putFile(key, spooled.path, FILE_KIND_MIME[kind], spooled.size);
    let saved: { row: UtilityProfile; replaced: string | null };
    try {
      saved = await withTransaction(services().sequelize, async (t) => {
        const profile = await lockedProfile(t);
        const replaced = profile[`${image}Key`];
        profile.set({ [`${image}Key`]: key, [`${image}Mime`]: FILE_KIND_MIME[kind], [`${image}Sha256`]: spooled.sha256 });
        await profile.save({ transaction: t });
        await recordAudit(
          { actorUserId: actor.id, action: 'settings.utility', targetType: 'utility_profile', data: { image, sha256: spooled.sha256 } },
          t,
        );
        return { row: profile, replaced };
      });
    } catch (error) {
      await driver.remove(key).catch(() => undefined);
      throw error;
    }
    if (saved.replaced && saved.replaced !== key) {
      await driver.remove(saved.replaced).catch(() => undefined);
    }
    return saved.row;
  } finally {
    await rm(spooled.path, { force: true });
  }
}

export interface StoredImage {
  stream: Readable;
  mime: string;
  sha256: string;
}

/** The stored bytes of the seal or logo, or null when none was uploaded (or its object is gone). */
export async function openUtilityImage(image: UtilityImage): Promise<StoredImage | null> {
  const row = await loadUtilityProfile();
  const key = row?.[`${image}Key`];
  const mime = row?.[`${image}Mime`];
  const sha256 = row?.[`${image}Sha256`];
  if (!key || !mime || !sha256) {
    return null;
  }
  try {
    return { stream: await storage().get(key), mime, sha256 };
  } catch {
    return null;
  }
}
