/** 就诊人详情 packages/patient/detail: masked data and card, 设为默认, 绑定就诊卡, 删除 after confirming. */
import { CURRENT_PATIENT_KEY } from '../../miniprogram/services/patients';
import { fakeAccount, find, LI, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until, untilText, XIAOBAO, ZHANG, type PageComponent, type RecordedCall } from './helpers';

beforeEach(resetWx);

const DETAIL = 'packages/patient/detail/index';

const actionsOf = (calls: RecordedCall[]) => calls.map((c) => c.action);

async function openDetail(patientId: string, patients = [ZHANG, XIAOBAO, LI]) {
  const account = fakeAccount(patients);
  const calls = serveApi(account.handlers);
  const page = openPage(DETAIL, { patientId });
  await until(() => stateOf(page) === 'ready');
  return { page, calls, account };
}

function dialog(page: PageComponent): PageComponent {
  return find(page, '.confirm-remove');
}

/** Opens the confirmation with 删除就诊人 and waits until the patient can read it. */
async function askRemove(page: PageComponent): Promise<void> {
  tap(page, '.remove', '.van-button');
  await until(() => dialog(page).data.show === true);
  await untilText(dialog(page), '确定删除就诊人');
}

/** Taps the dialog's 取消 or 删除 (Vant renders them in that order). */
function answerDialog(page: PageComponent, answer: '取消' | '删除'): void {
  const buttons = dialog(page).querySelectorAll('.van-dialog__button');
  const button = buttons.find((b) => (b.dom?.textContent ?? '').includes(answer));
  if (!button) throw new Error(`no ${answer} in the dialog: ${textOf(dialog(page))}`);
  find(button, '.van-button').dispatchEvent('tap');
}

describe('就诊人详情 packages/patient/detail', () => {
  it('names the document a patient was added with: 身份证号, or 护照 for a passport holder', async () => {
    const { page } = await openDetail(ZHANG.patientId);
    expect(textOf(find(page, '.info__doc'))).toContain('身份证号');
    const foreigner = { ...LI, patientId: 'P3001', docType: 'passport' as const, idCardNo: 'E*****678', isDefault: false };
    const other = await openDetail('P3001', [ZHANG, foreigner]);
    expect(textOf(find(other.page, '.info__doc'))).toContain('护照');
    expect(textOf(find(other.page, '.info__doc'))).toContain('E*****678');
  });

  it('shows the patient’s masked data and card', async () => {
    const { page } = await openDetail(ZHANG.patientId);
    const text = textOf(page);
    for (const value of ['张*明', '默认', '本人', '男', '110***********002X', '138****1234', 'C20260001', '已绑卡']) expect(text).toContain(value);
    expect(text).toContain('已是默认就诊人');
  });

  it('offers 绑定就诊卡 for a card-less patient and opens 就诊卡管理 for them', async () => {
    const { page } = await openDetail(XIAOBAO.patientId);
    expect(textOf(page)).toContain('未绑卡');
    tap(page, '.bind-card', '.van-cell');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/packages/patient/card/index?patientId=P1002' });
  });

  it('sets the default, and the patient becomes current', async () => {
    const { page, calls } = await openDetail(LI.patientId);
    expect(textOf(page)).not.toContain('已是默认就诊人');
    tap(page, '.set-default', '.van-button');
    await untilText(page, '已是默认就诊人');
    expect(calls.filter((c) => c.action === 'patient.setDefault').map((c) => c.data)).toEqual([{ patientId: LI.patientId }]);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '已设为默认就诊人' });
    expect(wx.getStorageSync(CURRENT_PATIENT_KEY)).toBe(LI.patientId);
  });

  it('removes only after the patient confirms in a dialog naming them', async () => {
    const { page, calls, account } = await openDetail(XIAOBAO.patientId);
    await askRemove(page);
    expect(textOf(dialog(page))).toContain('确定删除就诊人“张*宝”吗？');
    expect(actionsOf(calls)).not.toContain('patient.remove');

    answerDialog(page, '删除');
    await until(() => mocked(wx.navigateBack).mock.calls.length === 1);
    expect(calls.filter((c) => c.action === 'patient.remove').map((c) => c.data)).toEqual([{ patientId: XIAOBAO.patientId }]);
    expect(account.patients.map((p) => p.patientId)).toEqual([ZHANG.patientId, LI.patientId]);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '已删除' });
  });

  it('keeps the patient when the dialog is cancelled', async () => {
    const { page, calls } = await openDetail(XIAOBAO.patientId);
    await askRemove(page);
    answerDialog(page, '取消');
    await until(() => page.data.confirmShown === false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(actionsOf(calls)).not.toContain('patient.remove');
    expect(wx.navigateBack).not.toHaveBeenCalled();
  });

  it('shows a refused removal and stays', async () => {
    const account = fakeAccount();
    serveApi({ ...account.handlers, 'patient.remove': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage(DETAIL, { patientId: XIAOBAO.patientId });
    await until(() => stateOf(page) === 'ready');
    await askRemove(page);
    answerDialog(page, '删除');
    await until(() => mocked(wx.showToast).mock.calls.length === 1);
    expect(mocked(wx.showToast).mock.calls[0]?.[0]).toMatchObject({ title: '医院系统暂时无法连接，请稍后再试', icon: 'none' });
    expect(wx.navigateBack).not.toHaveBeenCalled();
    expect(textOf(page)).toContain('张*宝');
  });

  it('says so for a patient who is not (or no longer) on the account', async () => {
    const calls = serveApi(fakeAccount().handlers);
    const page = openPage(DETAIL, { patientId: 'P9999' });
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('未找到该就诊人，请返回就诊人列表重新选择');
    expect(actionsOf(calls)).toEqual(['patient.list', 'patient.list']);
  });
});
