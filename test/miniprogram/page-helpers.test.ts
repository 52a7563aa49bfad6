import type { Failure, Result } from '../../typings/result';
import { askToConfirm, dismissConfirm, takeConfirmed, type ConfirmingPage } from '../../miniprogram/behaviors/confirm';
import { loadLatest, type LatestLoadingPage } from '../../miniprogram/behaviors/load';
import { hidePolling, leavePolling, mayPollAgain, showPolling, stopPolling, type PollingPage } from '../../miniprogram/behaviors/poll';

const UNAVAILABLE: Failure = { ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法访问' };

/** A list page stand-in that records every setData and keeps `data.state` as the page would. */
function listPage(state = 'loading'): LatestLoadingPage & { calls: Record<string, unknown>[] } {
  const page = {
    request: 0,
    loadedOnce: false,
    data: { state },
    calls: [] as Record<string, unknown>[],
    setData(data: Record<string, unknown>) {
      page.calls.push(data);
      if (typeof data.state === 'string') page.data.state = data.state;
    },
  };
  return page;
}

describe('loadLatest', () => {
  it('shows loading, then answers the data and notes that a load answered', async () => {
    const page = listPage();
    const data = await loadLatest(page, () => Promise.resolve<Result<string[]>>({ ok: true, data: ['A1001'] }), true);
    expect(data).toEqual(['A1001']);
    expect(page.calls).toEqual([{ state: 'loading' }]);
    expect(page.loadedOnce).toBe(true);
  });

  it('reloads quietly: no loading state, and a failure keeps a ready list on screen', async () => {
    const page = listPage('ready');
    const data = await loadLatest(page, () => Promise.resolve(UNAVAILABLE), false);
    expect(data).toBeUndefined();
    expect(page.calls).toEqual([]);
  });

  it('shows a quiet failure when nothing is ready yet, or when the page asks for it', async () => {
    const notReady = listPage('empty');
    await loadLatest(notReady, () => Promise.resolve(UNAVAILABLE), false);
    expect(notReady.calls).toEqual([{ state: 'error', errorMessage: expect.stringContaining('医院系统暂时无法访问') }]);
    const replacing = listPage('ready');
    await loadLatest(replacing, () => Promise.resolve(UNAVAILABLE), false, true);
    expect(replacing.data.state).toBe('error');
  });

  it('drops an answer overtaken by a newer load', async () => {
    const page = listPage();
    let answerFirst: (answer: Result<string>) => void = () => undefined;
    const first = loadLatest(page, () => new Promise<Result<string>>((resolve) => (answerFirst = resolve)), true);
    const second = await loadLatest(page, () => Promise.resolve<Result<string>>({ ok: true, data: 'new' }), false);
    answerFirst({ ok: true, data: 'old' });
    expect(await first).toBeUndefined();
    expect(second).toBe('new');
  });
});

describe('confirm flow', () => {
  function confirmingPage(): ConfirmingPage & { calls: Record<string, unknown>[] } {
    const calls: Record<string, unknown>[] = [];
    return { pending: '', busy: false, calls, setData: (data) => void calls.push(data) };
  }

  it('asks about one row, then acts on it once', () => {
    const page = confirmingPage();
    askToConfirm(page, 'A1001', '确定取消预约吗？');
    expect(page.calls).toEqual([{ confirmShown: true, confirmMessage: '确定取消预约吗？', actionError: '' }]);
    expect(takeConfirmed(page)).toBe('A1001');
    expect(page.calls[1]).toEqual({ confirmShown: false });
    expect(takeConfirmed(page)).toBe('');
  });

  it('keeping the row, or another action in flight, acts on nothing', () => {
    const page = confirmingPage();
    askToConfirm(page, 'R1001', '确定退号吗？');
    dismissConfirm(page);
    expect(page.pending).toBe('');
    expect(takeConfirmed(page)).toBe('');
    askToConfirm(page, 'R1001', '确定退号吗？');
    page.busy = true;
    expect(takeConfirmed(page)).toBe('');
    expect(page.calls.at(-1)).toEqual({ confirmShown: false });
  });
});

describe('polling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Sets the page's next ask, as the pages do (the timer's type differs between the wx and node typings). */
  function dueIn1s(page: PollingPage, ask: () => void): void {
    page.pollTimer = setTimeout(ask, 1000) as unknown as PollingPage['pollTimer'];
  }

  function pollingPage(): PollingPage {
    return { request: 0, hidden: false, gone: false };
  }

  it('stops the due ask; may poll again only while shown and not left', () => {
    const page = pollingPage();
    const ask = jest.fn();
    dueIn1s(page, ask);
    expect(mayPollAgain(page)).toBe(true);
    jest.advanceTimersByTime(2000);
    expect(ask).not.toHaveBeenCalled();
    expect(page.pollTimer).toBeUndefined();
    hidePolling(page);
    expect(mayPollAgain(page)).toBe(false);
  });

  it('hiding stops asking; showing again says to ask now, once', () => {
    const page = pollingPage();
    const ask = jest.fn();
    expect(showPolling(page)).toBe(false);
    dueIn1s(page, ask);
    hidePolling(page);
    jest.advanceTimersByTime(2000);
    expect(ask).not.toHaveBeenCalled();
    expect(showPolling(page)).toBe(true);
    expect(showPolling(page)).toBe(false);
  });

  it('leaving drops answers on their way and asks nothing again', () => {
    const page = pollingPage();
    const ask = jest.fn();
    dueIn1s(page, ask);
    leavePolling(page);
    jest.advanceTimersByTime(2000);
    expect(ask).not.toHaveBeenCalled();
    expect(page.request).toBe(1);
    expect(mayPollAgain(page)).toBe(false);
    stopPolling(page);
    expect(page.pollTimer).toBeUndefined();
  });
});
