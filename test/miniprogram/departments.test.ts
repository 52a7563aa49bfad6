import { find, mocked, openPage, resetWx, serveApi, stateOf, textOf, until } from './helpers';

beforeEach(resetWx);

describe('科室导航 / 按科室排班 pages/departments', () => {
  it('lists departments and opens one', async () => {
    const calls = serveApi();
    const page = openPage('pages/departments/index');
    await until(() => stateOf(page) === 'ready');
    expect(calls.map((c) => c.action)).toEqual(['dept.list']);
    expect(textOf(page)).toContain('小儿普外科');
    find(page, '.dept-list').querySelectorAll('.dept-row')[2]?.querySelector('.van-cell')?.dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/pages/department/index?deptId=0201' });
  });

  it('opens the department at its schedule when reached from 按科室排班', async () => {
    serveApi();
    const page = openPage('pages/departments/index', { section: 'schedule' });
    await until(() => stateOf(page) === 'ready');
    expect(wx.setNavigationBarTitle).toHaveBeenCalledWith({ title: '按科室排班' });
    // 皮肤科 has no sub-specialties: the group itself is the row.
    find(page, '.dept-list').querySelectorAll('.dept-row')[3]?.querySelector('.van-cell')?.dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/pages/department/index?deptId=0600&section=schedule' });
  });

  it('shows the empty state when the hospital lists no department', async () => {
    serveApi({ 'dept.list': () => ({ ok: true, data: { groups: [] } }) });
    const page = openPage('pages/departments/index');
    await until(() => stateOf(page) === 'empty');
    expect(textOf(page)).toContain('暂无可预约科室，请稍后再来看看');
  });
});
