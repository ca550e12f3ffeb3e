import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Skeleton, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  CALENDAR_ENTRY_KIND_LABELS,
  parseCalendarPaste,
  type CalendarDayView,
  type CalendarEntryInput,
  type CalendarPasteError,
  type CalendarYearView,
} from '@wc/shared';
import { useMessage } from '../../../feedback';
import { isApiError } from '../../../request';
import { useErrorHandler } from '../../../requestErrorConfig';
import { fetchCalendarYear, importCalendarSheet, saveCalendarYear } from './service';

const COLORS = { holiday: '#ffccc7', makeup: '#bae0ff', weekend: '#f5f5f5', weekday: 'transparent' } as const;
const SOURCE_LABELS: Record<CalendarDayView['source'], string> = {
  entered: '本单位录入',
  'chinese-days': '内置节假日数据',
  'weekday-rule': '按周一至周五上班',
};
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** The entered days written back as paste lines, consecutive days of one kind and name as a range. */
function toPasteText(entries: CalendarEntryInput[]): string {
  const lines: string[] = [];
  let run: { start: string; end: string; kind: CalendarEntryInput['kind']; name: string } | null = null;
  const flush = () => {
    if (run) {
      const range = run.start === run.end ? run.start : `${run.start}~${run.end}`;
      lines.push(`${range} ${run.kind === 'holiday' ? '放假' : '上班'}${run.name ? ` ${run.name}` : ''}`);
    }
  };
  for (const e of entries) {
    const dayAfter = run ? new Date(Date.parse(`${run.end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : null;
    if (run && dayAfter === e.date && run.kind === e.kind && run.name === e.name) {
      run.end = e.date;
    } else {
      flush();
      run = { start: e.date, end: e.date, kind: e.kind, name: e.name };
    }
  }
  flush();
  return lines.join('\n');
}

function MonthGrid({ year, month, days }: { year: number; month: number; days: CalendarDayView[] }) {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  const blanks = (first + 6) % 7; // weeks start on Monday
  const cells: (CalendarDayView | null)[] = [...Array<null>(blanks).fill(null), ...days];
  return (
    <div style={{ width: 196 }}>
      <div style={{ fontWeight: 600, textAlign: 'center', marginBottom: 4 }}>{month + 1}月</div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 28px)', fontSize: 12, textAlign: 'center' }}>
        {WEEKDAYS.map((w) => (
          <div key={w} style={{ color: '#8c8c8c' }}>
            {w}
          </div>
        ))}
        {cells.map((day, index) =>
          day ? (
            <Tooltip
              key={day.date}
              title={`${day.date} ${day.working ? '上班' : '休息'}${day.name ? `（${day.name}）` : ''} · ${SOURCE_LABELS[day.source]}`}
            >
              <div
                style={{
                  background: COLORS[day.kind],
                  lineHeight: '24px',
                  margin: 1,
                  borderRadius: 3,
                  color: day.kind === 'holiday' ? '#a8071a' : day.kind === 'weekend' ? '#8c8c8c' : undefined,
                  fontWeight: day.source === 'entered' ? 600 : undefined,
                }}
              >
                {Number(day.date.slice(8))}
              </div>
            </Tooltip>
          ) : (
            <div key={`blank-${index}`} />
          ),
        )}
      </div>
    </div>
  );
}

/** 工作日历: a year at a glance, and the year's 放假 / 调休上班 days pasted, previewed and saved. */
export default function CalendarPage() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear + 1);
  const [view, setView] = useState<CalendarYearView | null>(null);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<{ entries: CalendarEntryInput[]; errors: CalendarPasteError[] } | null>(null);
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);
  const handleError = useErrorHandler();
  const message = useMessage();

  const show = useCallback((data: CalendarYearView) => {
    setView(data);
    setText(toPasteText(data.entries));
    setPreview(null);
    setServerErrors([]);
  }, []);

  useEffect(() => {
    fetchCalendarYear(year)
      .then(({ data }) => show(data))
      .catch((error: unknown) => handleError(error));
  }, [year, show, handleError]);

  const months = useMemo(
    () => Array.from({ length: 12 }, (_, m) => view?.days.filter((d) => Number(d.date.slice(5, 7)) === m + 1) ?? []),
    [view],
  );

  const save = async () => {
    const parsed = parseCalendarPaste(text, year);
    setPreview(parsed);
    if (parsed.errors.length > 0) {
      return;
    }
    setSaving(true);
    try {
      const { data } = await saveCalendarYear(year, parsed.entries);
      show(data);
      void message.success(`${year}年工作日历已保存，进行中的步骤已按新日历重算超时时间`);
    } catch (error) {
      if (isApiError(error) && error.details?.length) {
        setServerErrors(error.details.map((d) => d.message));
      } else {
        handleError(error);
      }
    } finally {
      setSaving(false);
    }
  };

  /** An Excel sheet becomes paste lines (marked with their Excel rows), previewed before anything is saved. */
  const importSheet = async (file: File) => {
    setImporting(true);
    try {
      const result = await importCalendarSheet(file);
      if (result.text) {
        setText(result.text);
        setPreview(parseCalendarPaste(result.text, year));
      }
      setServerErrors(result.errors.map((e) => e.message));
      if (result.errors.length === 0) {
        void message.success(`已读取 ${result.rows} 行，请核对预览后保存`);
      }
    } catch (error) {
      handleError(error);
    } finally {
      setImporting(false);
    }
  };

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>工作日历</Typography.Title>
      </div>
      {view?.warning && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={view.warning} />}
      <Card style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>年份</span>
          <Select
            value={year}
            style={{ width: 110 }}
            onChange={(y) => {
              setView(null); // the skeleton while the chosen year loads
              setYear(y);
            }}
            options={[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => ({ value: y, label: `${y}年` }))}
          />
          <Tag color={COLORS.holiday} style={{ color: '#a8071a' }}>
            放假
          </Tag>
          <Tag color={COLORS.makeup} style={{ color: '#003eb3' }}>
            调休上班
          </Tag>
          <Tag color={COLORS.weekend} style={{ color: '#8c8c8c' }}>
            周末
          </Tag>
          <span style={{ color: '#8c8c8c' }}>
            粗体为本单位录入；{view ? `节假日数据覆盖到${view.lastCoveredYear}年底，之后按周一至周五上班计算` : ''}
          </span>
        </Space>
      </Card>
      <Card style={{ marginBottom: 12 }}>
        {!view ? (
          <Skeleton active />
        ) : (
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
            {months.map((days, m) => (
              <MonthGrid key={m} year={year} month={m} days={days} />
            ))}
          </div>
        )}
      </Card>
      <Card title={`录入${year}年的放假和调休安排`}>
        <Typography.Paragraph type="secondary">
          按国务院办公厅通知逐行填写，每行一段：「2027-02-06~2027-02-12 放假 春节」或「2027-02-14 上班
          春节调休」；也可从Excel导入（表头：开始日期、结束日期、类型、名称）。保存后替换本年已录入的全部日期。
        </Typography.Paragraph>
        <Input.TextArea
          rows={8}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPreview(null);
          }}
          placeholder={'2027-02-06~2027-02-12 放假 春节\n2027-02-14 上班 春节调休'}
        />
        <Space style={{ marginTop: 12 }}>
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            showUploadList={false}
            beforeUpload={(file) => {
              void importSheet(file);
              return false;
            }}
          >
            <Button icon={<FileExcelOutlined />} loading={importing}>
              从Excel导入
            </Button>
          </Upload>
          <Button onClick={() => setPreview(parseCalendarPaste(text, year))}>预览</Button>
          <Button type="primary" loading={saving} onClick={() => void save()}>
            保存
          </Button>
        </Space>
        {[...(preview?.errors.map((e) => e.message) ?? []), ...serverErrors].length > 0 && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title="以下内容有误，未保存"
            description={
              <ul style={{ margin: 0 }}>
                {[...(preview?.errors.map((e) => e.message) ?? []), ...serverErrors].map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            }
          />
        )}
        {preview && preview.errors.length === 0 && (
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="date"
            pagination={false}
            title={() => `共${preview.entries.length}天，放假${preview.entries.filter((e) => e.kind === 'holiday').length}天`}
            dataSource={preview.entries}
            columns={[
              { title: '日期', dataIndex: 'date' },
              { title: '类型', dataIndex: 'kind', render: (kind: CalendarEntryInput['kind']) => CALENDAR_ENTRY_KIND_LABELS[kind] },
              { title: '名称', dataIndex: 'name' },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
