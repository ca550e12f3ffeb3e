import { describeFormChanges, formChanges, maskFormChanges, type FormValues } from '../src';

/** 修改申请's record of a corrected form: which fields, worded as the form words them, old → new. */

const resident: FormValues = {
  name: '张三',
  creditCode: null,
  contactName: null,
  contactPhone: '13712345678',
  address: '广州市越秀区东风中路88号',
  waterAddress: '广州市越秀区东风中路88号',
  waterType: 'permanent',
  buildingArea: 96.5,
  caliber: null,
  externalWorks: null,
};

describe('formChanges', () => {
  it('lists only the fields that differ, in the form’s order, labelled per kind', () => {
    const changes = formChanges('resident', resident, { ...resident, buildingArea: 100, name: '李四', contactName: '李四' });
    expect(changes).toEqual([
      { field: 'name', label: '姓名', from: '张三', to: '李四' },
      { field: 'contactName', label: '联系人', from: null, to: '李四' },
      { field: 'buildingArea', label: '建筑面积', from: '96.5 m²', to: '100 m²' },
    ]);
    expect(describeFormChanges(changes)).toBe('姓名：张三 → 李四；联系人：（未填） → 李四；建筑面积：96.5 m² → 100 m²');
  });

  it('finds nothing in an unchanged form', () => {
    expect(formChanges('resident', resident, { ...resident })).toEqual([]);
  });

  it('masks phone numbers and credit codes, and nothing else', () => {
    const changes = formChanges(
      'enterprise',
      { ...resident, creditCode: '91350100M000100Y43' },
      { ...resident, creditCode: '91440101MA59TQ8X2K', contactPhone: '13812345678', address: '天河区' },
    );
    expect(maskFormChanges(changes)).toEqual([
      { field: 'creditCode', label: '社会信用代码', from: '9135**********0Y43', to: '9144**********8X2K' },
      { field: 'contactPhone', label: '联系电话', from: '137****5678', to: '138****5678' },
      { field: 'address', label: '单位地址', from: '广州市越秀区东风中路88号', to: '天河区' },
    ]);
  });
});
