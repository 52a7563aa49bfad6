/** 添加就诊人 packages/patient/add: live checks per field, the guardian for under-14s, submit. */
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import type { PatientAddRequest } from '../../typings/patient';
import { blur, fakeAccount, find, mocked, openPage, resetWx, serveApi, textOf, typeInto, until, untilText, ZHANG, type Handlers, type PageComponent, type RecordedCall } from './helpers';

/** The device clock in these tests: Monday 2026-11-30, 09:00 in the hospital. */
const NOW = Date.parse('2026-11-30T01:00:00Z');

/** A valid ID number: region, birth date, sequence, then the MOD 11-2 check character. */
function idNumber(birth: string, sequence = '123', region = '110105'): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${idCardCheckChar(first17)}`;
}

const ADULT_ID = idNumber('19850610', '231');
const CHILD_ID = idNumber('20200315', '124'); // 6 on NOW
const GUARDIAN_ID = idNumber('19880202', '222');
const TEEN_ID = idNumber('20100101', '345'); // 16 on NOW: no guardian needed, not one either
const WRONG_CHECK = `${ADULT_ID.slice(0, 17)}${ADULT_ID.endsWith('0') ? '1' : '0'}`;

beforeEach(() => {
  resetWx();
  jest.useFakeTimers({ now: NOW, advanceTimers: true });
});
afterEach(() => jest.useRealTimers());

const ADD = 'packages/patient/add/index';

function fieldText(page: PageComponent, selector: string): string {
  return textOf(find(page, selector));
}

function chooseRelation(page: PageComponent, relation: string): void {
  const radio = page.querySelectorAll('.relation').find((r) => (r.dom?.textContent ?? '').includes(relation));
  if (!radio) throw new Error(`no radio ${relation}`);
  find(radio, '.van-radio__label').dispatchEvent('tap');
}

function submit(page: PageComponent): void {
  find(page, '.submit', '.van-button').dispatchEvent('tap');
}

async function fill(page: PageComponent, form: { name: string; idCardNo: string; phone: string; relation: string; guardianName?: string; guardianIdCardNo?: string }) {
  typeInto(page, '.field-name', form.name);
  typeInto(page, '.field-id', form.idCardNo);
  typeInto(page, '.field-phone', form.phone);
  chooseRelation(page, form.relation);
  if (form.guardianName !== undefined || form.guardianIdCardNo !== undefined) {
    await until(() => page.data.showGuardian === true);
    typeInto(page, '.field-guardian-name', form.guardianName ?? '');
    typeInto(page, '.field-guardian-id', form.guardianIdCardNo ?? '');
  }
  await until(() => (page.data.form as { relation: string }).relation === form.relation);
}

function adds(calls: RecordedCall[]): unknown[] {
  return calls.filter((c) => c.action === 'patient.add').map((c) => c.data);
}

describe('添加就诊人 packages/patient/add', () => {
  it('checks the name when the patient leaves it, then live as they type', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    typeInto(page, '.field-name', '张');
    // Not judged while the patient is still typing it the first time.
    expect(fieldText(page, '.field-name')).not.toContain('姓名应为');
    blur(page, '.field-name');
    await untilText(find(page, '.field-name'), '姓名应为2-30个字');
    typeInto(page, '.field-name', '张3');
    await untilText(find(page, '.field-name'), '姓名只能包含汉字、字母和“·”');
    typeInto(page, '.field-name', '张小明');
    await until(() => !fieldText(page, '.field-name').includes('姓名只能'));
    expect((page.data.errors as Record<string, string>).name).toBe('');
  });

  it('checks the ID number with the GB 11643 rules: length, date, check character', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    typeInto(page, '.field-id', ADULT_ID.slice(0, 17));
    blur(page, '.field-id');
    await untilText(find(page, '.field-id'), '身份证号应为18位');
    typeInto(page, '.field-id', WRONG_CHECK);
    await untilText(find(page, '.field-id'), '身份证号校验位不正确，请核对后重新输入');
    typeInto(page, '.field-id', idNumber('20261301').slice(0, 17) + 'X');
    await untilText(find(page, '.field-id'), '身份证号出生日期无效');
    typeInto(page, '.field-id', ADULT_ID);
    await until(() => (page.data.errors as Record<string, string>).idCardNo === '');
    expect(fieldText(page, '.field-id')).not.toMatch(/身份证号(应为|校验|出生|只能)/);
  });

  it('judges a complete ID number as it is typed, before the field is left', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    typeInto(page, '.field-id', WRONG_CHECK);
    await untilText(find(page, '.field-id'), '身份证号校验位不正确');
  });

  it('checks the mobile number', async () => {
    serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    typeInto(page, '.field-phone', '1381234');
    blur(page, '.field-phone');
    await untilText(find(page, '.field-phone'), '请输入正确的11位手机号');
    typeInto(page, '.field-phone', '12812341234');
    await untilText(find(page, '.field-phone'), '请输入正确的11位手机号');
    typeInto(page, '.field-phone', '13812341234');
    await until(() => (page.data.errors as Record<string, string>).phone === '');
  });

  it('names every missing field on submit and sends nothing', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    submit(page);
    await untilText(page, '请填写姓名');
    expect(fieldText(page, '.field-id')).toContain('请填写身份证号');
    expect(fieldText(page, '.field-phone')).toContain('请填写手机号');
    expect(fieldText(page, '.field-relation')).toContain('请选择与本人关系');
    chooseRelation(page, '父母');
    await until(() => !fieldText(page, '.field-relation').includes('请选择与本人关系'));
    expect(adds(calls)).toEqual([]);
  });

  it('asks for the guardian when the ID number says under 14, and then requires both fields', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    typeInto(page, '.field-id', ADULT_ID);
    await until(() => (page.data.form as { idCardNo: string }).idCardNo === ADULT_ID);
    expect(textOf(page)).not.toContain('监护人');

    typeInto(page, '.field-id', CHILD_ID);
    await untilText(page, '监护人信息（就诊人未满14周岁，须填写）');
    expect(textOf(page)).toContain('监护人姓名');
    expect(textOf(page)).toContain('监护人身份证号');

    typeInto(page, '.field-name', '张小宝');
    typeInto(page, '.field-phone', '13812341234');
    chooseRelation(page, '子女');
    submit(page);
    await untilText(find(page, '.field-guardian-name'), '请填写监护人姓名');
    expect(fieldText(page, '.field-guardian-id')).toContain('请填写监护人身份证号');
    expect(adds(calls)).toEqual([]);

    // A guardian must be an adult, and another person.
    typeInto(page, '.field-guardian-id', TEEN_ID);
    await untilText(find(page, '.field-guardian-id'), '监护人须年满18周岁');
    typeInto(page, '.field-guardian-id', CHILD_ID);
    await untilText(find(page, '.field-guardian-id'), '监护人身份证号不能与就诊人相同');

    // 14 and over: the section goes away again.
    typeInto(page, '.field-id', TEEN_ID);
    await until(() => !textOf(page).includes('监护人信息'));
  });

  it('sends exactly the typed request for an adult', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '父母' });
    submit(page);
    await until(() => adds(calls).length === 1);
    const expected: PatientAddRequest = { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '父母' };
    expect(adds(calls)).toEqual([expected]);
  });

  it('sends the guardian for a child, and the ID number as the standard writes it', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(ADD);
    const childWithX = idNumber('20200315', '126');
    await fill(page, { name: ' 张小宝 ', idCardNo: childWithX.toLowerCase(), phone: '13812341234', relation: '子女', guardianName: '张建国', guardianIdCardNo: GUARDIAN_ID });
    submit(page);
    await until(() => adds(calls).length === 1);
    expect(adds(calls)).toEqual([{ name: '张小宝', idCardNo: childWithX.toUpperCase(), phone: '13812341234', relation: '子女', guardian: { name: '张建国', idCardNo: GUARDIAN_ID } }]);
  });

  it('shows a server refusal under the field it names, e.g. guardian.idCardNo', async () => {
    const account = fakeAccount();
    const message = '监护人姓名与身份证号不一致，请核对';
    const handlers: Handlers = { ...account.handlers, 'patient.add': () => ({ ok: false, code: 'INVALID_INPUT', message, field: 'guardian.idCardNo' }) };
    serveApi(handlers);
    const page = openPage(ADD);
    await fill(page, { name: '张小宝', idCardNo: CHILD_ID, phone: '13812341234', relation: '子女', guardianName: '张建国', guardianIdCardNo: GUARDIAN_ID });
    submit(page);
    await untilText(find(page, '.field-guardian-id'), message);
    expect(fieldText(page, '.field-guardian-name')).not.toContain(message);
    expect(wx.showToast).not.toHaveBeenCalled();
    expect(wx.navigateBack).not.toHaveBeenCalled();
  });

  it('shows a refusal without a field as a toast', async () => {
    const account = fakeAccount([ZHANG]);
    account.limit = 1;
    serveApi(account.handlers);
    const page = openPage(ADD);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '父母' });
    submit(page);
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '每个账号最多绑定1位就诊人', icon: 'none' });
    expect(wx.navigateBack).not.toHaveBeenCalled();
  });

  it('submits once however often the button is tapped, and shows it is working', async () => {
    const calls = serveApi(fakeAccount().handlers);
    // Hold patient.add at the transport until the test lets it through, as a slow network would.
    const request = mocked(wx.request);
    const serve = request.getMockImplementation()!;
    const held: (() => void)[] = [];
    request.mockImplementation((options: { data: { action: string } }) => {
      if (options.data.action !== 'patient.add') return serve(options);
      held.push(() => serve(options));
      return { abort: () => undefined };
    });
    const page = openPage(ADD);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '父母' });
    submit(page);
    submit(page);
    await until(() => page.data.submitting === true);
    submit(page);
    expect(find(page, '.submit').data.loading).toBe(true);
    expect(/van-button--disabled/.test((find(page, '.submit', '.van-button').dom as unknown as { className: string }).className)).toBe(true);
    expect(held).toHaveLength(1);
    held[0]?.();
    await until(() => mocked(wx.navigateBack).mock.calls.length === 1);
    expect(adds(calls)).toHaveLength(1);
    expect(page.data.submitting).toBe(false);
  });

  it('goes back to the list on success; the first patient becomes current', async () => {
    const calls = serveApi(fakeAccount([]).handlers);
    const page = openPage(ADD);
    await fill(page, { name: '王建军', idCardNo: ADULT_ID, phone: '13912345678', relation: '本人' });
    submit(page);
    await until(() => mocked(wx.navigateBack).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '添加成功' });
    expect(wx.getStorageSync(CURRENT_PATIENT_KEY)).toBe('P2001');
    expect(calls.map((c) => c.action)).toEqual(['patient.add', 'patient.list']);
  });
});
