import type { Failure, Result } from '../../typings/result';
import { bothOk, loadInto, showLoadError } from '../../miniprogram/behaviors/load';

/** A page stand-in that records every setData, in order. */
function recordingPage(): { calls: Record<string, unknown>[]; setData(data: Record<string, unknown>): void } {
  const calls: Record<string, unknown>[] = [];
  return { calls, setData: (data) => void calls.push(data) };
}

const UNAVAILABLE: Failure = { ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法访问' };
const NOT_FOUND: Failure = { ok: false, code: 'NOT_FOUND', message: '未找到该医生' };

describe('loadInto', () => {
  it('shows loading before asking, then ready with the mapped fields, and returns the data', async () => {
    const page = recordingPage();
    const load = jest.fn(() => {
      // Asked only once the page already shows loading.
      expect(page.calls).toEqual([{ state: 'loading' }]);
      return Promise.resolve<Result<{ name: string }>>({ ok: true, data: { name: '市儿童医院' } });
    });
    const data = await loadInto(page, load, (info) => ({ hospitalName: info.name }));
    expect(load).toHaveBeenCalledTimes(1);
    expect(data).toEqual({ name: '市儿童医院' });
    expect(page.calls).toEqual([{ state: 'loading' }, { state: 'ready', hospitalName: '市儿童医院' }]);
  });

  it('lets the mapped fields choose another state, such as empty', async () => {
    const page = recordingPage();
    await loadInto(page, () => Promise.resolve<Result<string[]>>({ ok: true, data: [] }), (groups) => ({ state: groups.length > 0 ? 'ready' : 'empty', groups }));
    expect(page.calls[1]).toEqual({ state: 'empty', groups: [] });
  });

  it('shows the failure with what to do next, maps nothing and returns undefined', async () => {
    const page = recordingPage();
    const toData = jest.fn(() => ({}));
    const data = await loadInto(page, () => Promise.resolve<Result<string>>(UNAVAILABLE), toData);
    expect(data).toBeUndefined();
    expect(toData).not.toHaveBeenCalled();
    expect(page.calls).toEqual([{ state: 'loading' }, { state: 'error', errorMessage: '医院系统暂时无法访问，请稍后重试' }]);
  });
});

describe('showLoadError', () => {
  it('sets the error state with the patient message', () => {
    const page = recordingPage();
    showLoadError(page, NOT_FOUND);
    expect(page.calls).toEqual([{ state: 'error', errorMessage: '未找到该医生，请返回重新选择' }]);
  });
});

describe('bothOk', () => {
  it('gives both data when both succeed', () => {
    expect(bothOk({ ok: true, data: 1 }, { ok: true, data: 'a' })).toEqual({ ok: true, data: [1, 'a'] });
  });

  it('gives the first failure, whichever side failed', () => {
    expect(bothOk(UNAVAILABLE, NOT_FOUND)).toBe(UNAVAILABLE);
    expect(bothOk({ ok: true, data: 1 }, NOT_FOUND)).toBe(NOT_FOUND);
    expect(bothOk(NOT_FOUND, { ok: true, data: 1 })).toBe(NOT_FOUND);
  });
});
