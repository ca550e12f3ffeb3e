import { Form, Input, InputNumber } from 'antd';

/** 快速通道's one visit: the survey's scheme and the budget total (the budget workbook is among the files). */
export function SurveyBudgetFields() {
  return (
    <>
      <Form.Item name="summary" label="勘察方案说明" required extra="接水方案要点，将告知报装用户">
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item name="budgetTotal" label="预算总额（元）" required extra="与所上传预算书的合计一致">
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
    </>
  );
}
