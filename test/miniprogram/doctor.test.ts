import { mocked, openPage, realisticHandlers, resetWx, serveApi, stateOf, tap, textOf, until } from './helpers';

beforeEach(resetWx);

describe('医生 pages/doctor', () => {
  it('shows the profile, the fee in 元 and the week’s sessions with remaining slots', async () => {
    const calls = serveApi();
    const page = openPage('pages/doctor/index', { doctorId: 'D0101' });
    expect(stateOf(page)).toBe('loading');
    await until(() => stateOf(page) === 'ready');

    expect(calls.map((c) => ({ action: c.action, data: c.data }))).toEqual([
      { action: 'doctor.get', data: { doctorId: 'D0101' } },
      { action: 'schedule.list', data: { doctorId: 'D0101' } },
    ]);
    const text = textOf(page);
    for (const part of ['王建国', '主任医师', '呼吸科', '儿童哮喘、慢性咳嗽', '从事儿童呼吸疾病诊治30年', '50.00元']) expect(text).toContain(part);
    // His two sessions: Monday morning with 12 left, Tuesday afternoon stopped.
    const rows = page.querySelectorAll('.session').map((row) => (row.dom?.textContent ?? '').replace(/\s+/g, ' ').trim());
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('今天 11-30 上午');
    expect(rows[0]).toContain('余12');
    expect(rows[1]).toContain('周二 12-01 下午');
    expect(rows[1]).toContain('停诊');
    expect(wx.setNavigationBarTitle).toHaveBeenCalledWith({ title: '王建国' });
  });

  it('opens the slot grid from an open session; a stopped one leads nowhere', async () => {
    serveApi();
    const page = openPage('pages/doctor/index', { doctorId: 'D0101' });
    await until(() => stateOf(page) === 'ready');
    const [open, stopped] = page.querySelectorAll('.session');
    expect(open?.dom?.textContent ?? '').toContain('点击选择时段');
    stopped?.querySelector('.van-cell')?.dispatchEvent('tap');
    open?.querySelector('.van-cell')?.dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    // Taps are handled in order: the stopped session's came first and navigated nowhere.
    expect(mocked(wx.navigateTo).mock.calls).toEqual([[{ url: '/pages/slots/index?scheduleId=S1' }]]);
  });

  it('says when the doctor has no sessions this week', async () => {
    serveApi({ ...realisticHandlers, 'schedule.list': () => ({ ok: true, data: { dates: ['2026-11-30'], schedules: [] } }) });
    const page = openPage('pages/doctor/index', { doctorId: 'D0101' });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('近7天暂无出诊安排，请查看同科室其他医生');
  });

  it('shows the API’s message for an unknown doctor, and 重试 asks again', async () => {
    const calls = serveApi();
    const page = openPage('pages/doctor/index', { doctorId: 'D9999' });
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('未找到该医生，请返回重新选择');
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => calls.length === 4);
    expect(calls.filter((c) => c.action === 'doctor.get').map((c) => c.data)).toEqual([{ doctorId: 'D9999' }, { doctorId: 'D9999' }]);
    expect(mocked(wx.request).mock.calls).toHaveLength(4);
  });
});
