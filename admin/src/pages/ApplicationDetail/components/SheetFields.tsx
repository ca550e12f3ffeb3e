import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Typography } from 'antd';

/** 派工单: materials (name, spec, unit, quantity) and the water meter (number, caliber, model, initial reading for 立户). */
export function SheetFields() {
  return (
    <div className="sheet-fields">
      <Typography.Title level={5}>材料清单</Typography.Title>
      <Form.List name={['sheet', 'materials']}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <div key={field.key} className="material-row" data-testid={`material-${index}`}>
                <span className="material-index">{index + 1}</span>
                <Form.Item name={[field.name, 'name']} label="材料名称" required>
                  <Input placeholder="如：球墨铸铁管" />
                </Form.Item>
                <Form.Item name={[field.name, 'spec']} label="规格型号">
                  <Input placeholder="如：DN100" />
                </Form.Item>
                <Form.Item name={[field.name, 'unit']} label="单位" required>
                  <Input placeholder="米/个" />
                </Form.Item>
                <Form.Item name={[field.name, 'quantity']} label="数量" required>
                  <InputNumber min={0} style={{ width: '100%' }} />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`删除第${index + 1}项材料`}
                  onClick={() => remove(field.name)}
                  disabled={fields.length === 1}
                />
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', spec: '', unit: '', quantity: null })} block>
              添加材料
            </Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        水表信息
      </Typography.Title>
      <div className="meter-row">
        <Form.Item name={['sheet', 'meter', 'number']} label="水表编号" required>
          <Input />
        </Form.Item>
        <Form.Item name={['sheet', 'meter', 'caliber']} label="水表口径" required>
          <Input placeholder="如：DN50" />
        </Form.Item>
        <Form.Item name={['sheet', 'meter', 'model']} label="水表型号" required>
          <Input />
        </Form.Item>
        <Form.Item name={['sheet', 'meter', 'initialReading']} label="初始读数（m³）">
          <InputNumber min={0} style={{ width: '100%' }} />
        </Form.Item>
      </div>
    </div>
  );
}
