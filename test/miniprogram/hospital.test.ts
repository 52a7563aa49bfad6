import { find, HOSPITAL, mocked, openPage, realisticHandlers, resetWx, serveApi, stateOf, tap, textOf, until } from './helpers';

beforeEach(resetWx);

async function openHospitalTab() {
  const calls = serveApi();
  const page = openPage('pages/hospital/index');
  await until(() => stateOf(page) === 'ready');
  return { page, calls };
}

function deptNames(page: ReturnType<typeof openPage>): string[] {
  const list = find(page, '.dept-list');
  return list.querySelectorAll('.dept-row').map((row) => (row.dom?.textContent ?? '').trim());
}

describe('医院 pages/hospital', () => {
  it('shows the hospital summary and the departments grouped by top-level department', async () => {
    const { page, calls } = await openHospitalTab();
    const text = textOf(page);
    for (const part of [HOSPITAL.name, HOSPITAL.level, HOSPITAL.address, HOSPITAL.phone, HOSPITAL.hours, HOSPITAL.traffic]) expect(text).toContain(part);
    for (const group of ['儿内科', '儿外科', '皮肤科']) expect(text).toContain(group);
    expect(deptNames(page)).toEqual(['呼吸科', '消化科', '小儿普外科', '皮肤科']);
    expect(calls.map((c) => c.action).sort()).toEqual(['dept.list', 'hospital.info']);
  });

  it('filters departments by name as the patient types, and says when nothing matches', async () => {
    const { page } = await openHospitalTab();
    const search = find(page, '.dept-list', '.dept-search');

    search.dispatchEvent('change', { detail: '呼吸' });
    await until(() => deptNames(page).length === 1);
    expect(deptNames(page)).toEqual(['呼吸科']);
    expect(textOf(page)).not.toContain('小儿普外科');

    // A top-level name keeps all its sub-specialties.
    search.dispatchEvent('change', { detail: '儿内' });
    await until(() => deptNames(page).length === 2);
    expect(deptNames(page)).toEqual(['呼吸科', '消化科']);

    search.dispatchEvent('change', { detail: '眼科' });
    await until(() => deptNames(page).length === 0);
    expect(textOf(page)).toContain('没有找到“眼科”相关科室，请换个关键词');

    search.dispatchEvent('clear');
    await until(() => deptNames(page).length === 4);
  });

  it('opens a department, and calls the hospital on tap', async () => {
    const { page } = await openHospitalTab();
    const list = find(page, '.dept-list');
    list.querySelectorAll('.dept-row')[0]?.querySelector('.van-cell')?.dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/pages/department/index?deptId=0101' });

    tap(page, '.summary__phone', '.van-cell');
    await until(() => mocked(wx.makePhoneCall).mock.calls.length === 1);
    expect(mocked(wx.makePhoneCall).mock.calls[0]?.[0]).toMatchObject({ phoneNumber: HOSPITAL.phone });
  });

  it('shows the failure of either call with 重试, which loads both again', async () => {
    serveApi({ ...realisticHandlers, 'dept.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage('pages/hospital/index');
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('医院系统暂时无法连接，请稍后再试');

    const calls = serveApi();
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => stateOf(page) === 'ready');
    expect(calls.map((c) => c.action).sort()).toEqual(['dept.list', 'hospital.info']);
    expect(deptNames(page)).toHaveLength(4);
  });
});
