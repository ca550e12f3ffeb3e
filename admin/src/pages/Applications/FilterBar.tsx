import { FilterOutlined, ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Input, Select, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { APPLICANT_KIND_LABELS, STATES, STATE_KEYS, WATER_TYPES, WATER_TYPE_LABELS } from '../../labels';
import type { ListFilters } from './service';
import './filterBar.css';
import { usePhone } from '../../hooks/usePhone';

/** The filters the bar edits (the search text is applied with 查询 or Enter). */
type Draft = Pick<
  ListFilters,
  'state' | 'waterType' | 'kind' | 'from' | 'to' | 'overdue' | 'active' | 'sort' | 'address' | 'creditCode' | 'contactName'
>;

const stateOptions = [
  { label: '办理中', options: STATE_KEYS.filter((s) => !STATES[s].terminal).map((s) => ({ value: s, label: STATES[s].label })) },
  { label: '已结束', options: STATE_KEYS.filter((s) => STATES[s].terminal).map((s) => ({ value: s, label: STATES[s].label })) },
];

const SORT_OPTIONS = [
  { value: 'newest', label: '申请时间从新到旧' },
  { value: 'oldest', label: '申请时间从早到晚' },
  { value: 'overdue', label: '超时最久在前' },
  { value: 'number', label: '按报装编号' },
];

const draftOf = (f: ListFilters): Draft => ({
  state: f.state,
  waterType: f.waterType,
  kind: f.kind,
  from: f.from,
  to: f.to,
  overdue: f.overdue,
  active: f.active,
  sort: f.sort ?? 'newest',
  address: f.address,
  creditCode: f.creditCode,
  contactName: f.contactName,
});

const CLEARED: Draft & { q: undefined } = {
  q: undefined,
  state: undefined,
  waterType: undefined,
  kind: undefined,
  from: undefined,
  to: undefined,
  overdue: undefined,
  active: undefined,
  sort: 'newest',
  address: undefined,
  creditCode: undefined,
  contactName: undefined,
};

function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`filter-field${wide ? ' filter-field-wide' : ''}`}>
      <span className="filter-label">{label}</span>
      {children}
    </label>
  );
}

/**
 * A text filter: typed freely, applied on Enter or when leaving the field (not per keystroke, which
 * would send a query per character). On a phone it only edits the drawer's draft.
 */
function TextFilter({
  value,
  placeholder,
  onApply,
}: {
  value: string | undefined;
  placeholder: string;
  onApply: (v: string | undefined) => void;
}) {
  const [text, setText] = useState(value ?? '');
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // Reset from outside (重置, the back button): show the new value.
    setShown(value);
    setText(value ?? '');
  }
  const apply = () => {
    const next = text.trim() || undefined;
    if (next !== value) {
      onApply(next);
    }
  };
  return (
    <Input
      allowClear
      placeholder={placeholder}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onPressEnter={apply}
      onBlur={apply}
    />
  );
}

/**
 * 查询条件: search by number, name, address, contact, phone or credit code; state, type, kind, date range, overdue; sort. On a PC
 * every change applies at once; on a phone the filters open in a drawer and apply with 确定.
 */
export function FilterBar({
  filters,
  onChange,
  extra,
}: {
  filters: ListFilters;
  onChange: (next: Partial<ListFilters>) => void;
  extra?: ReactNode;
}) {
  const phone = usePhone();
  // The address holds the filters; only the search text being typed and the phone drawer's
  // not-yet-applied choices live here.
  const [q, setQ] = useState(filters.q ?? '');
  const [phoneDraft, setPhoneDraft] = useState<Draft>(() => draftOf(filters));
  const [drawer, setDrawer] = useState(false);
  const draft = phone ? phoneDraft : draftOf(filters);

  const edit = (patch: Partial<Draft>) => {
    if (phone) {
      setPhoneDraft((d) => ({ ...d, ...patch }));
    } else {
      onChange({ ...patch, page: 1 });
    }
  };
  const apply = () => {
    onChange({ ...(phone ? phoneDraft : {}), q: q.trim() || undefined, page: 1 });
    setDrawer(false);
  };
  const reset = () => {
    setQ('');
    setPhoneDraft(draftOf(CLEARED));
    onChange({ ...CLEARED, page: 1 });
    setDrawer(false);
  };
  const openDrawer = () => {
    setPhoneDraft(draftOf(filters));
    setDrawer(true);
  };
  const activeCount = [
    filters.state,
    filters.waterType,
    filters.kind,
    filters.from || filters.to,
    filters.overdue,
    filters.active,
    filters.address,
    filters.creditCode,
    filters.contactName,
  ].filter(Boolean).length;

  const fields = (
    <>
      <Field label="状态" wide>
        <Select
          mode="multiple"
          allowClear
          placeholder="全部状态"
          options={stateOptions}
          maxTagCount="responsive"
          value={draft.state ? draft.state.split(',') : []}
          onChange={(v: string[]) => edit({ state: v.length ? v.join(',') : undefined })}
        />
      </Field>
      <Field label="报装类型">
        <Select
          allowClear
          placeholder="全部类型"
          value={draft.waterType}
          options={WATER_TYPES.map((t) => ({ value: t, label: WATER_TYPE_LABELS[t] }))}
          onChange={(v?: Draft['waterType']) => edit({ waterType: v })}
        />
      </Field>
      <Field label="用户类型">
        <Select
          allowClear
          placeholder="全部"
          value={draft.kind}
          options={Object.entries(APPLICANT_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          onChange={(v?: Draft['kind']) => edit({ kind: v })}
        />
      </Field>
      {/* Native date inputs: the phone's own date wheel, and no date-picker code on the first screen. */}
      <Field label="申请日期" wide>
        <Space.Compact block>
          <Input
            type="date"
            aria-label="申请日期从"
            value={draft.from ?? ''}
            onChange={(e) => edit({ from: e.target.value || undefined })}
          />
          <Input type="date" aria-label="申请日期至" value={draft.to ?? ''} onChange={(e) => edit({ to: e.target.value || undefined })} />
        </Space.Compact>
      </Field>
      <Field label="超时">
        <Select
          allowClear
          placeholder="全部"
          value={draft.overdue}
          options={[
            { value: 'true', label: '仅超时' },
            { value: 'false', label: '未超时' },
          ]}
          onChange={(v?: Draft['overdue']) => edit({ overdue: v })}
        />
      </Field>
      <Field label="办理状态">
        <Select
          allowClear
          placeholder="全部"
          value={draft.active}
          options={[
            { value: 'true', label: '办理中' },
            { value: 'false', label: '已结束' },
          ]}
          onChange={(v?: Draft['active']) => edit({ active: v })}
        />
      </Field>
      <Field label="用水/单位地址">
        <TextFilter value={draft.address} placeholder="地址中的文字" onApply={(v) => edit({ address: v })} />
      </Field>
      <Field label="社会信用代码">
        <TextFilter value={draft.creditCode} placeholder="全部或部分" onApply={(v) => edit({ creditCode: v })} />
      </Field>
      <Field label="联系人">
        <TextFilter value={draft.contactName} placeholder="联系人姓名" onApply={(v) => edit({ contactName: v })} />
      </Field>
      <Field label="排序">
        <Select options={SORT_OPTIONS} value={draft.sort} onChange={(v: Draft['sort']) => edit({ sort: v })} />
      </Field>
    </>
  );

  const search = (
    <Input.Search
      allowClear
      value={q}
      onChange={(e) => setQ(e.target.value)}
      onSearch={apply}
      placeholder="编号 / 名称 / 地址 / 联系人 / 电话 / 信用代码"
      enterButton="查询"
      aria-label="搜索报装"
    />
  );

  if (phone) {
    return (
      <div className="filter-bar-phone">
        <div className="filter-phone-row">
          {search}
          <Badge count={activeCount} size="small">
            <Button icon={<FilterOutlined />} onClick={openDrawer}>
              筛选
            </Button>
          </Badge>
        </div>
        {extra && <div style={{ marginTop: 8 }}>{extra}</div>}
        <Drawer
          title="筛选条件"
          placement="bottom"
          size="80%"
          open={drawer}
          onClose={() => setDrawer(false)}
          extra={
            <Space>
              <Button onClick={reset}>重置</Button>
              <Button type="primary" onClick={apply}>
                确定
              </Button>
            </Space>
          }
        >
          <div className="filter-fields filter-fields-phone">{fields}</div>
        </Drawer>
      </div>
    );
  }

  return (
    <div className="filter-bar" role="search">
      <div className="filter-fields">
        <Field label="关键字" wide>
          {search}
        </Field>
        {fields}
        <div className="filter-buttons">
          <Button icon={<ReloadOutlined />} onClick={reset}>
            重置
          </Button>
          {extra}
        </div>
      </div>
    </div>
  );
}
