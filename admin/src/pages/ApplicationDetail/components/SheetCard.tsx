import { Descriptions, Table } from 'antd';
import type { DispatchSheet } from '../../../types';

/** 派工单 as saved: materials and water meter. */
export function SheetCard({ sheet }: { sheet: DispatchSheet }) {
  return (
    <div>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={sheet.materials}
        scroll={{ x: 480 }}
        columns={[
          { title: '序号', key: 'i', width: 56, render: (_v, _r, i) => i + 1 },
          { title: '材料名称', dataIndex: 'name' },
          { title: '规格型号', dataIndex: 'spec' },
          { title: '单位', dataIndex: 'unit', width: 70 },
          { title: '数量', dataIndex: 'quantity', width: 80, align: 'right' },
        ]}
      />
      <Descriptions
        size="small"
        style={{ marginTop: 12 }}
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'number', label: '水表编号', children: sheet.meter.number },
          { key: 'caliber', label: '水表口径', children: sheet.meter.caliber },
          { key: 'model', label: '水表型号', children: sheet.meter.model },
          { key: 'initialReading', label: '初始读数', children: sheet.meter.initialReading ?? '—' },
        ]}
      />
    </div>
  );
}
