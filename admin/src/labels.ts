/**
 * The zod-free part of @wc/shared: labels, states, formatting and error codes. The package's index
 * also loads every validation schema and zod itself (≈25 KiB gzip); the first screen (login, list,
 * worklist) needs none of it, so it imports from here and only the form pages import @wc/shared.
 */
export { ERROR_MESSAGES, isErrorCode, type ErrorCode, type FieldError } from '@wc/shared/src/errors';
export { failureFromReply, networkFailure, sendWithRetries, type ApiFailure, type ClientErrorCode } from '@wc/shared/src/api/errors';
export { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@wc/shared/src/roles';
export {
  APPLICANT_KIND_LABELS,
  WATER_TYPES,
  WATER_TYPE_LABELS,
  WATER_TYPES_BY_KIND,
  NAME_LABELS,
  ADDRESS_LABELS,
  type WaterType,
  type ApplicantKind,
} from '@wc/shared/src/domain';
export {
  ATTACHMENT_CATEGORIES,
  FILE_KIND_LABELS,
  FILE_KIND_MIME,
  type AttachmentCategory,
  type FileKind,
} from '@wc/shared/src/attachments';
export { STATES } from '@wc/shared/src/workflow/states';
export { STATE_KEYS, type StateKey } from '@wc/shared/src/workflow/types';
export { THRESHOLD_UNIT_LABELS, type ThresholdUnit } from '@wc/shared/src/workflow/thresholds';
export { chinaDate, chinaDateTime } from '@wc/shared/src/format/chinaTime';
export { formatElapsed } from '@wc/shared/src/format/duration';
export { maskPhone } from '@wc/shared/src/format/mask';
export { fieldErrors } from '@wc/shared/src/schemas/fieldErrors';
export type { AvailableAction } from '@wc/shared/src/workflow/transition';
export type { ApplicationListQuery } from '@wc/shared/src/schemas/application';
