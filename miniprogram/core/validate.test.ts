import fc from 'fast-check';
import { CODE_PATTERN, validate, type Schema } from './validate';

const schema: Schema = {
  name: { type: 'string', label: '姓名', required: true, maxLength: 20 },
  deptId: { type: 'string', label: '科室编号', pattern: CODE_PATTERN },
  age: { type: 'int', label: '年龄', min: 0, max: 150 },
  date: { type: 'date', label: '就诊日期' },
  period: { type: 'enum', label: '时段', values: ['AM', 'PM'] },
};

const refused = (field: string, message: string) => ({ ok: false, code: 'INVALID_INPUT', field, message });

describe('validate', () => {
  it('passes declared, present fields and drops absent ones', () => {
    expect(validate(schema, { name: '张三', age: 0, date: '2026-11-26', period: 'AM', deptId: 'D-01' })).toEqual({
      ok: true,
      value: { name: '张三', age: 0, date: '2026-11-26', period: 'AM', deptId: 'D-01' },
    });
    expect(validate(schema, { name: '张三', age: null, date: '', period: undefined })).toEqual({ ok: true, value: { name: '张三' } });
  });

  it('names a missing required field in Chinese; empty string and null count as absent', () => {
    for (const data of [{}, { name: '' }, { name: null }, undefined, null]) {
      expect(validate(schema, data)).toEqual(refused('name', '请填写姓名'));
    }
  });

  it('names an ill-typed field in Chinese', () => {
    const base = { name: '张三' };
    expect(validate(schema, { name: 123 })).toEqual(refused('name', '姓名应为文字'));
    expect(validate(schema, { name: '张'.repeat(21) })).toEqual(refused('name', '姓名不能超过20个字符'));
    expect(validate(schema, { ...base, deptId: 'D 01' })).toEqual(refused('deptId', '科室编号格式不正确'));
    expect(validate(schema, { ...base, age: '12' })).toEqual(refused('age', '年龄应为整数'));
    expect(validate(schema, { ...base, age: 1.5 })).toEqual(refused('age', '年龄应为整数'));
    expect(validate(schema, { ...base, age: Number.NaN })).toEqual(refused('age', '年龄应为整数'));
    expect(validate(schema, { ...base, age: -1 })).toEqual(refused('age', '年龄不能小于0'));
    expect(validate(schema, { ...base, age: 151 })).toEqual(refused('age', '年龄不能大于150'));
    expect(validate(schema, { ...base, date: '2026-02-30' })).toEqual(refused('date', '就诊日期应为有效日期（如 2026-01-31）'));
    expect(validate(schema, { ...base, date: 20260101 })).toEqual(refused('date', '就诊日期应为有效日期（如 2026-01-31）'));
    expect(validate(schema, { ...base, period: 'EVE' })).toEqual(refused('period', '时段只能是：AM、PM'));
  });

  it('refuses unknown fields by name, including names an object inherits', () => {
    expect(validate(schema, { name: '张三', openid: 'o-123' })).toEqual(refused('openid', '不支持的参数：openid'));
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      const data: unknown = JSON.parse(`{"name":"张三","${key}":1}`);
      expect(validate(schema, data)).toEqual(refused(key, `不支持的参数：${key}`));
    }
  });

  it('refuses data that is not an object', () => {
    for (const data of [[], 'name', 42, true]) expect(validate(schema, data)).toEqual(refused('data', '请求参数应为对象'));
  });

  it('property: whatever the label, a missing required field is named by it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom('string', 'int', 'date'), (label, type) => {
        const s = { f: { type, label, required: true } } as Schema;
        const r = validate(s, {});
        return !r.ok && r.field === 'f' && r.message === `请填写${label}`;
      }),
    );
  });

  it('property: any unknown key is refused and named', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (key) => {
        fc.pre(!Object.prototype.hasOwnProperty.call(schema, key));
        const r = validate(schema, { name: '张三', [key]: 'x' });
        return !r.ok && r.field === key;
      }),
    );
  });
});

describe('CODE_PATTERN', () => {
  it('allows letters, digits, - and _ up to 40', () => {
    for (const ok of ['D01', 'dept_ped-02', 'A'.repeat(40)]) expect(CODE_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', 'A'.repeat(41), 'D 01', '儿科', 'D01;', '../x']) expect(CODE_PATTERN.test(bad)).toBe(false);
  });
});

describe('nested objects and domain checks', () => {
  const person: Schema = {
    name: { type: 'string', label: '姓名', required: true },
    guardian: {
      type: 'object',
      label: '监护人',
      fields: {
        name: { type: 'string', label: '监护人姓名', required: true },
        idCardNo: {
          type: 'string',
          label: '监护人身份证号',
          required: true,
          check: (v) => (v.length === 18 ? undefined : '监护人身份证号应为18位'),
        },
      },
    },
  };

  it('names a nested field by its path', () => {
    expect(validate(person, { name: '张三', guardian: { name: '张大' } })).toEqual(refused('guardian.idCardNo', '请填写监护人身份证号'));
    expect(validate(person, { name: '张三', guardian: { name: '张大', idCardNo: '123' } })).toEqual(
      refused('guardian.idCardNo', '监护人身份证号应为18位'),
    );
    expect(validate(person, { name: '张三', guardian: { name: '张大', idCardNo: '1'.repeat(18), extra: 1 } })).toEqual(
      refused('guardian.extra', '不支持的参数：extra'),
    );
    expect(validate(person, { name: '张三', guardian: 'x' })).toEqual(refused('guardian', '监护人应为对象'));
  });

  it('passes a valid nested object through and leaves an absent one out', () => {
    expect(validate(person, { name: '张三', guardian: { name: '张大', idCardNo: '1'.repeat(18) } })).toEqual({
      ok: true,
      value: { name: '张三', guardian: { name: '张大', idCardNo: '1'.repeat(18) } },
    });
    expect(validate(person, { name: '张三' })).toEqual({ ok: true, value: { name: '张三' } });
  });
});

describe('lists', () => {
  const pay: Schema = {
    billIds: { type: 'array', label: '缴费单', required: true, minItems: 1, maxItems: 3, item: { type: 'string', label: '缴费单号', pattern: CODE_PATTERN } },
  };

  it('accepts a list of valid items', () => {
    expect(validate(pay, { billIds: ['B1', 'B2'] })).toEqual({ ok: true, value: { billIds: ['B1', 'B2'] } });
  });

  it('refuses non-lists, empty, too long, duplicates and bad items, naming the item', () => {
    expect(validate(pay, { billIds: 'B1' })).toEqual(refused('billIds', '缴费单应为列表'));
    expect(validate(pay, { billIds: [] })).toEqual(refused('billIds', '请至少选择1项缴费单'));
    expect(validate(pay, { billIds: ['a', 'b', 'c', 'd'] })).toEqual(refused('billIds', '缴费单最多3项'));
    expect(validate(pay, { billIds: ['a', 'a'] })).toEqual(refused('billIds', '缴费单有重复项'));
    expect(validate(pay, { billIds: ['a', 'b c'] })).toEqual(refused('billIds.1', '缴费单号格式不正确'));
    expect(validate(pay, { billIds: ['a', 7] })).toEqual(refused('billIds.1', '缴费单号应为文字'));
  });
});
