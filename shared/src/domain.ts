/** Applicant kinds, water types and their Chinese labels (WORKFLOW.md, 新增报装). */
export const APPLICANT_KINDS = ['enterprise', 'resident'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

export const APPLICANT_KIND_LABELS: Record<ApplicantKind, string> = {
  enterprise: '企业单位',
  resident: '居民',
};

export const WATER_TYPES = ['construction', 'permanent', 'capacity'] as const;
export type WaterType = (typeof WATER_TYPES)[number];

export const WATER_TYPE_LABELS: Record<WaterType, string> = {
  construction: '基建(施工)用水',
  permanent: '永久性用水',
  capacity: '增容用水',
};

/** Residents may only apply for permanent water (居民报装用户用水类型：永久性用水). */
export const WATER_TYPES_BY_KIND: Record<ApplicantKind, readonly WaterType[]> = {
  enterprise: WATER_TYPES,
  resident: ['permanent'],
};

/** How an application reached us: typed in at the service window, or self-submitted online. */
export const CHANNELS = ['window', 'online'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  window: '窗口受理',
  online: '网上申请',
};

/** What the form calls the name field, per kind. */
export const NAME_LABELS: Record<ApplicantKind, string> = {
  enterprise: '单位名称',
  resident: '姓名',
};

export const ADDRESS_LABELS: Record<ApplicantKind, string> = {
  enterprise: '单位地址',
  resident: '住址',
};
