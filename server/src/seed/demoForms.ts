import type { ApplicationForm } from '@wc/shared';

/** The demo applicants' forms (珠江摩尔 and 张三), also used by demo scripts. */
export const DEMO_ENTERPRISE_FORM: ApplicationForm = {
  kind: 'enterprise',
  name: '珠江摩尔置业有限公司',
  creditCode: '91350100M000100Y43',
  contactName: '陈经理',
  contactPhone: '13912345678',
  address: '广州市天河区珠江新城华夏路10号',
  waterAddress: '广州市天河区珠江新城华夏路10号珠江摩尔项目工地',
  waterType: 'construction',
  buildingArea: 22200,
};

export const DEMO_RESIDENT_FORM: ApplicationForm = {
  kind: 'resident',
  name: '张三',
  creditCode: undefined,
  contactName: '张三',
  contactPhone: '13712345678',
  address: '广州市越秀区东风中路88号3栋502',
  waterAddress: '广州市越秀区东风中路88号3栋502',
  waterType: 'permanent',
  buildingArea: 96.5,
};
