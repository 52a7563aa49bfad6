import { find, openPage, realisticHandlers, resetWx, serveApi, stateOf, textOf, until } from './helpers';

beforeEach(resetWx);

function doctorNames(page: ReturnType<typeof openPage>): string[] {
  return page.querySelectorAll('.doctor').map((row) => (row.dom?.textContent ?? '').replace(/\s+/g, ' ').trim().split(' ')[0] ?? '');
}

describe('找医生 pages/doctors', () => {
  it('lists every doctor in one call', async () => {
    const calls = serveApi();
    const page = openPage('pages/doctors/index');
    await until(() => stateOf(page) === 'ready');
    expect(calls.map((c) => ({ action: c.action, data: c.data }))).toEqual([{ action: 'doctor.list', data: {} }]);
    expect(doctorNames(page).sort()).toEqual(['孙丽', '李秀英', '王建国', '赵志强', '陈晓红'].sort());
    expect(textOf(page)).toContain('50.00元');
  });

  it('filters by name, department or specialty as the patient types', async () => {
    serveApi();
    const page = openPage('pages/doctors/index');
    await until(() => stateOf(page) === 'ready');
    const box = find(page, '.doctor-search');
    box.dispatchEvent('change', { detail: '王' });
    await until(() => doctorNames(page).length === 1);
    expect(doctorNames(page)).toEqual(['王建国']);

    box.dispatchEvent('change', { detail: '消化' });
    await until(() => doctorNames(page).length === 1 && doctorNames(page)[0] === '陈晓红');

    box.dispatchEvent('change', { detail: '哮喘' });
    await until(() => doctorNames(page)[0] === '王建国');

    box.dispatchEvent('change', { detail: '张三丰' });
    await until(() => doctorNames(page).length === 0);
    expect(textOf(page)).toContain('没有找到“张三丰”相关医生，请换个关键词');
  });

  it('shows the first failure with 重试', async () => {
    serveApi({ ...realisticHandlers, 'doctor.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) });
    const page = openPage('pages/doctors/index');
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('医院系统暂时无法连接，请稍后再试');
    expect(textOf(page)).toContain('重试');
  });
});
