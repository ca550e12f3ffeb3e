import { Form, Input, InputNumber, Select } from 'antd';
import { METER_CALIBERS } from '@wc/shared';

/** 登记水表: the resident's meter as the billing system (立户) needs it — 表号, 口径, 型号, 初始读数. */
export function MeterFields() {
  return (
    <div className="meter-row">
      <Form.Item name={['meter', 'number']} label="表号" required>
        <Input maxLength={50} placeholder="水表钢印号" />
      </Form.Item>
      <Form.Item name={['meter', 'caliber']} label="口径" required>
        <Select placeholder="请选择" options={METER_CALIBERS.map((c) => ({ value: c, label: c }))} />
      </Form.Item>
      <Form.Item name={['meter', 'model']} label="型号" required>
        <Input maxLength={50} placeholder="如：LXS-20E" />
      </Form.Item>
      <Form.Item name={['meter', 'initialReading']} label="初始读数（m³）" required>
        <InputNumber min={0} style={{ width: '100%' }} />
      </Form.Item>
    </div>
  );
}
