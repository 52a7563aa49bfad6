import { config } from '../../miniprogram/config';
import { callCloud, DEV_OPENID_KEY, devOpenid } from '../../miniprogram/services/cloud';
import { failNetwork, HOSPITAL, mocked, resetWx, serveApi } from './helpers';

beforeEach(() => {
  resetWx();
  config.mode = 'local';
});
afterAll(() => {
  config.mode = 'local';
});

describe('callCloud in local mode (HTTP to the local cloud host)', () => {
  it('POSTs {action, data} as JSON to the api function with the dev openid', async () => {
    const calls = serveApi();
    const answer = await callCloud('doctor.list', { deptId: '0101' });
    expect(answer.ok).toBe(true);
    if (answer.ok) expect(answer.data.department?.name).toBe('呼吸科');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ action: 'doctor.list', data: { deptId: '0101' }, url: 'http://127.0.0.1:7103/functions/api' });
    const request = mocked(wx.request).mock.calls[0]?.[0] as { method: string; header: Record<string, string> };
    expect(request.method).toBe('POST');
    expect(request.header['content-type']).toBe('application/json');
    expect(request.header['x-wx-openid']).toMatch(/^dev-/);
    expect(wx.cloud.callFunction).not.toHaveBeenCalled();
  });

  it('makes the dev openid once and keeps it in storage', async () => {
    const calls = serveApi();
    await callCloud('hospital.info', {});
    await callCloud('hospital.info', {});
    const first = calls[0]?.header['x-wx-openid'];
    expect(first).toBeDefined();
    expect(calls[1]?.header['x-wx-openid']).toBe(first);
    expect(wx.getStorageSync(DEV_OPENID_KEY)).toBe(first);
    expect(devOpenid()).toBe(first);
  });

  it('passes a failure body through whatever the HTTP status (401, 500)', async () => {
    (mocked(wx.request)).mockImplementation((options: { success: (r: unknown) => void }) => {
      options.success({ statusCode: 401, data: { ok: false, code: 'UNAUTHENTICATED', message: '登录已失效，请重新打开小程序' } });
    });
    expect(await callCloud('hospital.info', {})).toEqual({ ok: false, code: 'UNAUTHENTICATED', message: '登录已失效，请重新打开小程序' });
  });

  it('turns a transport failure into HOSPITAL_UNAVAILABLE without throwing', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    failNetwork();
    expect(await callCloud('hospital.info', {})).toEqual({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '网络异常，请检查网络后重试' });
    warn.mockRestore();
  });

  it('treats an answer that is not a Result (an HTML error page) as unavailable', async () => {
    (mocked(wx.request)).mockImplementation((options: { success: (r: unknown) => void }) => {
      options.success({ statusCode: 502, data: '<html>Bad Gateway</html>' });
    });
    expect(await callCloud('hospital.info', {})).toMatchObject({ ok: false, code: 'HOSPITAL_UNAVAILABLE' });
  });

  it('survives wx.request itself throwing', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    mocked(wx.request).mockImplementation(() => {
      throw new Error('url not in domain list');
    });
    expect(await callCloud('hospital.info', {})).toMatchObject({ ok: false, code: 'HOSPITAL_UNAVAILABLE' });
    warn.mockRestore();
  });
});

describe('callCloud in cloud mode (wx.cloud.callFunction)', () => {
  beforeEach(() => {
    config.mode = 'cloud';
  });

  it('calls the api function with {action, data} and returns its result', async () => {
    mocked(wx.cloud.callFunction).mockResolvedValue({ result: { ok: true, data: HOSPITAL }, errMsg: 'cloud.callFunction:ok', requestID: 'r1' });
    const answer = await callCloud('hospital.info', {});
    expect(answer).toEqual({ ok: true, data: HOSPITAL });
    expect(wx.cloud.callFunction).toHaveBeenCalledWith({ name: 'api', data: { action: 'hospital.info', data: {} } });
    expect(wx.request).not.toHaveBeenCalled();
  });

  it('passes the function’s failures through', async () => {
    const failure = { ok: false, code: 'INVALID_INPUT', message: '请填写科室', field: 'deptId' };
    mocked(wx.cloud.callFunction).mockResolvedValue({ result: failure, errMsg: 'cloud.callFunction:ok', requestID: 'r2' });
    expect(await callCloud('doctor.list', { deptId: '' })).toEqual(failure);
  });

  it('turns a rejected call (function missing, no network) into HOSPITAL_UNAVAILABLE', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    mocked(wx.cloud.callFunction).mockRejectedValue({ errCode: -404011, errMsg: 'cloud.callFunction:fail FunctionName parameter could not be found' });
    expect(await callCloud('hospital.info', {})).toEqual({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '网络异常，请检查网络后重试' });
    expect(warn.mock.calls[0]?.join(' ')).toContain('FunctionName');
    warn.mockRestore();
  });

  it('treats an empty result as unavailable', async () => {
    mocked(wx.cloud.callFunction).mockResolvedValue({ result: undefined, errMsg: 'cloud.callFunction:ok', requestID: 'r3' });
    expect(await callCloud('hospital.info', {})).toMatchObject({ ok: false, code: 'HOSPITAL_UNAVAILABLE' });
  });
});

describe('app launch', () => {
  it('initialises wx.cloud only in cloud mode', () => {
    for (const mode of ['local', 'cloud'] as const) {
      jest.isolateModules(() => {
        const apps: { onLaunch?: () => void }[] = [];
        (globalThis as unknown as { App: (o: { onLaunch?: () => void }) => void }).App = (options) => apps.push(options);
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require('../../miniprogram/config') as typeof import('../../miniprogram/config')).config.mode = mode;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require('../../miniprogram/app');
        apps[0]?.onLaunch?.();
      });
    }
    expect(wx.cloud.init).toHaveBeenCalledTimes(1);
    expect(wx.cloud.init).toHaveBeenCalledWith({ env: config.cloudEnv, traceUser: true });
  });
});
