import { HOSPITAL, mocked, openPage, resetWx, serveApi, stateOf, tap, textOf, until } from './helpers';

beforeEach(resetWx);

describe('医院介绍 packages/hospital/intro (subpackage)', () => {
  it('shows the full introduction in paragraphs, hours, traffic and the phone', async () => {
    serveApi();
    const page = openPage('packages/hospital/intro/index');
    await until(() => stateOf(page) === 'ready');
    expect(page.data.paragraphs).toHaveLength(2);
    const text = textOf(page);
    for (const part of [HOSPITAL.name, '始建于1953年', '一切为了孩子', HOSPITAL.hours, HOSPITAL.traffic, HOSPITAL.address, HOSPITAL.phone]) expect(text).toContain(part);
    tap(page, '.intro__phone', '.van-cell');
    await until(() => mocked(wx.makePhoneCall).mock.calls.length === 1);
  });
});
