import type { AttachmentCategory } from '../attachments';
import type { ApplicantKind, Channel, WaterType } from '../domain';
import type { StaffRole } from '../roles';
import type { DispatchSheet } from '../workflow/inputs';
import type { Threshold } from '../workflow/thresholds';
import type { AvailableAction } from '../workflow/transition';
import type { Clock, OwnerStatus, StateKey } from '../workflow/types';

/**
 * The JSON the API answers with for applications and their history, declared once: the server's
 * presenters build exactly these, and the staff page and the mini program read them.
 */

/** Where an application stands now, with both clocks' view of the step. */
export interface StepView {
  state: StateKey;
  label: string;
  /** What the applicant is told is happening now. */
  customerLabel: string;
  enteredAt: string;
  elapsedMs: number;
  /** 历时: `N小时` under a day, `X天Y小时` from a day on. */
  elapsedText: string;
  clock: Clock;
  threshold: Threshold | null;
  dueAt: string | null;
  /** Past the threshold on the utility's clock: shown in red. */
  overdue: boolean;
  handlerRole: string | null;
  handlerLabel: string | null;
  assignee: { id: number; name: string } | null;
  contractStage: { position: number; name: string; count: number } | null;
}

/** An application as lists and the detail show it; phones and credit codes masked for most viewers. */
export interface ApplicationView {
  id: number;
  number: string;
  kind: ApplicantKind;
  kindLabel: string;
  channel: Channel;
  channelLabel: string;
  name: string;
  creditCode: string | null;
  contactName: string | null;
  contactPhone: string;
  address: string;
  waterAddress: string;
  waterType: WaterType;
  waterTypeLabel: string;
  buildingArea: number;
  createdAt: string;
  state: StateKey;
  stateLabel: string;
  terminal: boolean;
  workflowVersion: number;
  /** Sent back with every action: a stale version is refused with 409. */
  version: number;
  step: StepView;
  paid: boolean;
  unpaidApproved: boolean;
  hadVisaOrChange: boolean;
  budgetTotal: number | null;
  finalAmount: number | null;
  utilityMs: number;
  customerMs: number;
  completedAt: string | null;
  applicantUserId: number | null;
  /** What this viewer may do now: the only source of the clients' action buttons. */
  availableActions: AvailableAction[];
}

export interface StepMapItem {
  state: StateKey;
  label: string;
  status: 'done' | 'current' | 'upcoming';
  /** Time spent in the step so far (all visits), on its own clock. */
  durationMs: number;
  durationText: string;
  clock: Clock;
}

export interface StepMapView {
  steps: StepMapItem[];
  /** The current state when it is off the main path (returned, contract rejected, leader approval…). */
  detour: { state: StateKey; label: string } | null;
}

export interface ContractView {
  number: string;
  name: string | null;
  place: string | null;
  partyA: string | null;
  partyB: string | null;
  amount: number | null;
  settlementAmount: number | null;
  ownerStatus: OwnerStatus;
  stages: { name: string; role: StaffRole }[];
  submittedAt: string | null;
}

export interface PaymentView {
  amount: number;
  paidOn: string;
  receiptNo?: string;
}

/** GET /api/applications/:id: the application with its step map, contract, sheet and payment. */
export interface ApplicationDetailView extends ApplicationView {
  stepMap: StepMapView;
  contract: ContractView | null;
  /** Staff only (null for applicants). */
  dispatchSheet: DispatchSheet | null;
  payment: PaymentView | null;
  /** Staff only (empty for applicants): who was chosen for later steps. */
  assignees: Partial<Record<StateKey, number>>;
}

/** One line of 报装记录: who, in which role, when, from → to, comment, files and the step's duration. */
export interface HistoryEntryView {
  id: number;
  seq: number;
  action: string;
  actionLabel: string;
  fromState: StateKey | null;
  fromLabel: string | null;
  toState: StateKey;
  toLabel: string;
  /** `id` is null for applicants: they see who acted, not the staff account. */
  actor: { id: number | null; name: string | null; role: string | null; roleLabel: string | null };
  comment: string | null;
  attachments: { id: number; displayName: string; category: AttachmentCategory; categoryLabel: string }[];
  payload: Record<string, unknown>;
  at: string;
  stepStartedAt: string | null;
  durationMs: number;
  durationText: string;
  clock: Clock;
  newStep: boolean;
}

/** The `meta` of a paged list reply. */
export interface PageMeta {
  page: number;
  pageSize: number;
  total: number;
  /** The application list stops counting at 10,000: `total` is then a lower bound ("10000+"). */
  totalCapped?: boolean;
}
