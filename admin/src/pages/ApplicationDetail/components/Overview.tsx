import { Descriptions, Tag } from 'antd';
import { caliberLabel, externalWorksLabel } from '@wc/shared';
import { ADDRESS_LABELS, NAME_LABELS, chinaDateTime, formatElapsed } from '../../../labels';
import { ElapsedText } from '../../../components/ElapsedText';
import { StateTag } from '../../../components/StateTag';
import type { ApplicationDetail } from '../../../types';
import { money } from './BudgetReview';
import { usePhone } from '../../../hooks/usePhone';

/** 报装信息: the form data, where it stands, who has it, and both clocks. */
export function Overview({ app }: { app: ApplicationDetail }) {
  const phone = usePhone();
  const handler = [app.step.handlerLabel, app.step.assignee?.name].filter(Boolean).join(' · ');
  return (
    <Descriptions
      bordered
      size="small"
      column={phone ? 1 : 2}
      styles={{ label: { width: phone ? 96 : 120, whiteSpace: 'nowrap' } }}
      items={[
        { key: 'number', label: '报装编号', children: app.number },
        { key: 'kind', label: '用户类型', children: `${app.kindLabel}（${app.channelLabel}）` },
        { key: 'createdAt', label: '申请时间', children: chinaDateTime(app.createdAt) },
        { key: 'name', label: NAME_LABELS[app.kind], children: app.name },
        ...(app.kind === 'enterprise' ? [{ key: 'creditCode', label: '社会信用代码', children: app.creditCode ?? '—' }] : []),
        { key: 'contactName', label: '联系人', children: app.contactName ?? '—' },
        { key: 'contactPhone', label: '联系电话', children: app.contactPhone },
        { key: 'address', label: ADDRESS_LABELS[app.kind], children: app.address },
        { key: 'waterAddress', label: '申请用水地址', children: app.waterAddress },
        { key: 'waterType', label: '报装类型', children: app.waterTypeLabel },
        { key: 'area', label: '建筑面积', children: `${app.buildingArea} ㎡` },
        { key: 'caliber', label: '用水口径', children: app.caliber === null ? '未填写' : caliberLabel(app.caliber) },
        { key: 'externalWorks', label: '外线工程', children: externalWorksLabel(app.externalWorks) },
        { key: 'route', label: '流程', children: app.routeLabel },
        { key: 'state', label: '状态', children: <StateTag app={app} /> },
        { key: 'elapsed', label: '历时', children: <ElapsedText app={app} /> },
        { key: 'handler', label: '当前办理', children: app.terminal ? '—' : handler || '—' },
        ...(app.expectedWaterOn
          ? [
              {
                key: 'waterOn',
                label: '预计通水日期',
                children: (
                  <span title={app.expectedWaterOn.note}>
                    {app.expectedWaterOn.date}
                    {app.expectedWaterOn.customerSteps.length > 0 && (
                      <span className="water-on-note">（未计入用户办理环节：{app.expectedWaterOn.customerSteps.join('、')}）</span>
                    )}
                  </span>
                ),
              },
            ]
          : []),
        {
          key: 'clocks',
          label: '累计用时',
          children: `本单位 ${formatElapsed(app.utilityMs)}；等待用户 ${formatElapsed(app.customerMs)}`,
        },
        ...(app.meter
          ? [
              {
                key: 'meter',
                label: '水表',
                children: `表号 ${app.meter.number}；口径 ${app.meter.caliber}；型号 ${app.meter.model}；初始读数 ${app.meter.initialReading}`,
              },
            ]
          : []),
        ...(app.budgetTotal !== null ? [{ key: 'budget', label: '预算总额', children: `${money(app.budgetTotal)} 元` }] : []),
        ...(app.finalAmount !== null ? [{ key: 'final', label: '决算金额', children: `${money(app.finalAmount)} 元` }] : []),
        ...(app.paid || app.unpaidApproved
          ? [
              {
                key: 'paid',
                label: '缴费',
                children: app.paid ? (
                  <Tag color="success">已缴费{app.payment ? ` ${money(app.payment.amount)} 元（${app.payment.paidOn}）` : ''}</Tag>
                ) : (
                  <Tag color="warning">未缴费，经领导同意先施工</Tag>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
