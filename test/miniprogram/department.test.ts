import { find, mocked, openPage, realisticHandlers, resetWx, serveApi, stateOf, tap, textOf, until, untilText } from './helpers';

beforeEach(resetWx);

async function openRespiratory(query: Record<string, string> = {}) {
  const calls = serveApi();
  const page = openPage('pages/department/index', { deptId: '0101', ...query });
  await until(() => stateOf(page) === 'ready');
  return { page, calls };
}

describe('科室 pages/department', () => {
  it('asks for the department’s doctors and schedule', async () => {
    const { calls } = await openRespiratory();
    expect(calls.map((c) => ({ action: c.action, data: c.data }))).toEqual([
      { action: 'doctor.list', data: { deptId: '0101' } },
      { action: 'schedule.list', data: { deptId: '0101' } },
    ]);
  });

  it('shows the department, its doctors with title, specialty and fee in 元', async () => {
    const { page } = await openRespiratory();
    const text = textOf(page);
    expect(text).toContain('呼吸科');
    expect(text).toContain('门诊楼3楼A区');
    expect(text).toContain('王建国');
    expect(text).toContain('主任医师');
    expect(text).toContain('儿童哮喘、慢性咳嗽');
    expect(text).toContain('50.00元');
    expect(text).toContain('20.00元');
    expect(text).not.toContain('陈晓红'); // 消化科
    expect(wx.setNavigationBarTitle).toHaveBeenCalledWith({ title: '呼吸科' });
  });

  it('shows a tab per date labelled with its weekday, and the sessions with 余N / 约满 / 停诊', async () => {
    const { page } = await openRespiratory();
    const tabs = find(page, '.schedule');
    const titles = tabs.querySelectorAll('.van-tab').map((t) => (t.dom?.textContent ?? '').trim());
    // The first date of schedule.list is today: 今天 instead of its weekday.
    expect(titles).toEqual(['今天 11-30', '周二 12-01', '周三 12-02', '周四 12-03', '周五 12-04', '周六 12-05', '周日 12-06']);

    // 11-30: 王建国 in the morning with 12 left; 李秀英 in the afternoon, fully booked.
    await untilText(page, '余12');
    let text = textOf(page);
    expect(text).toContain('上午');
    expect(text).toContain('余12');
    expect(text).toContain('下午');
    expect(text).toContain('约满');
    expect(text).toContain('08:00-12:00');

    // 12-01: the afternoon session is stopped.
    tabs.querySelectorAll('.van-tab')[1]?.dispatchEvent('tap');
    await until(() => page.data.activeDay === '2026-12-01');
    await untilText(page, '停诊');
    text = textOf(page);
    expect(text).toContain('14:00-17:30');

    // 12-03: no sessions at all.
    tabs.querySelectorAll('.van-tab')[3]?.dispatchEvent('tap');
    await until(() => page.data.activeDay === '2026-12-03');
    await untilText(page, '当日无排班，请选择其他日期');
  });

  it('opens a doctor from the list', async () => {
    const { page } = await openRespiratory();
    const doctor = page.querySelectorAll('.doctor')[0];
    doctor?.querySelector('.van-cell')?.dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 1);
    expect(mocked(wx.navigateTo).mock.calls[0]?.[0]).toMatchObject({ url: '/pages/doctor/index?doctorId=D0101' });
  });

  it('opens the slot grid from an open session, and the doctor from a full one', async () => {
    const { page } = await openRespiratory();
    await untilText(page, '余12');
    // 11-30: 王建国's morning (open, S1), then 李秀英's afternoon (full, S2).
    const [open, full] = page.querySelectorAll('.session');
    open?.querySelector('.van-cell')?.dispatchEvent('tap');
    full?.querySelector('.van-cell')?.dispatchEvent('tap');
    await until(() => mocked(wx.navigateTo).mock.calls.length === 2);
    expect(mocked(wx.navigateTo).mock.calls.map(([options]) => (options as { url: string }).url)).toEqual(['/pages/slots/index?scheduleId=S1', '/pages/doctor/index?doctorId=D0102']);
  });

  it('scrolls to the schedule when opened from 按科室排班', async () => {
    await openRespiratory({ section: 'schedule' });
    expect(wx.pageScrollTo).toHaveBeenCalledWith({ selector: '#schedule', duration: 0 });
  });

  it('says so when the department has no doctors', async () => {
    serveApi({
      ...realisticHandlers,
      'doctor.list': () => ({ ok: true, data: { department: { deptId: '0101', name: '呼吸科', parentId: '0100', intro: '', location: '门诊楼3楼A区' }, doctors: [] } }),
      'schedule.list': () => ({ ok: true, data: { dates: ['2026-11-30'], schedules: [] } }),
    });
    const page = openPage('pages/department/index', { deptId: '0101' });
    await until(() => stateOf(page) === 'ready');
    expect(textOf(page)).toContain('该科室暂无出诊医生，请查看其他科室');
    await untilText(page, '当日无排班，请选择其他日期');
  });

  it('shows the API’s message for an unknown department and retries on 重试', async () => {
    serveApi({ ...realisticHandlers, 'doctor.list': () => ({ ok: false, code: 'NOT_FOUND', message: '未找到该科室' }) });
    const page = openPage('pages/department/index', { deptId: 'X9' });
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('未找到该科室，请返回重新选择');

    const calls = serveApi();
    tap(page, '.state-view', '.retry', '.van-button');
    await until(() => calls.length === 2);
    expect(calls.map((c) => c.data)).toEqual([{ deptId: 'X9' }, { deptId: 'X9' }]);
  });

  it('asks the patient to choose again when opened without a department', async () => {
    const calls = serveApi();
    const page = openPage('pages/department/index', {});
    await until(() => stateOf(page) === 'error');
    expect(textOf(page)).toContain('未找到该科室，请返回重新选择');
    expect(calls).toHaveLength(0);
  });
});
