/**
 * The `wx` edge for page tests: miniprogram-simulate installs `wx`, `Component` and `Behavior`;
 * this adds what it lacks (`wx.cloud`), an in-memory storage, and jest mocks for every API the
 * pages reach (network, navigation, phone) so tests can answer them and assert the calls.
 */
// Required, not imported: its typings pull a second, older miniprogram-api-typings into the program.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('miniprogram-simulate');

// The WeChat runtime gives every component groupSetData (batched setData); j-component does not,
// and Vant's tabs call it, so add the unbatched equivalent.
type ComponentOptions = { methods?: Record<string, unknown> };
const globalScope = globalThis as unknown as { Component: (options: ComponentOptions) => unknown };
const registerComponent = globalScope.Component;
globalScope.Component = (options: ComponentOptions) =>
  registerComponent({
    ...options,
    methods: {
      groupSetData(this: unknown, callback: () => void) {
        callback();
      },
      ...options.methods,
    },
  });

const storage = new Map<string, unknown>();

const edge = {
  getStorageSync: (key: string): unknown => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown): void => {
    storage.set(key, value);
  },
  removeStorageSync: (key: string): void => {
    storage.delete(key);
  },
  clearStorageSync: (): void => {
    storage.clear();
  },
  request: jest.fn(),
  makePhoneCall: jest.fn(),
  navigateTo: jest.fn(),
  navigateBack: jest.fn(),
  redirectTo: jest.fn(),
  switchTab: jest.fn(),
  showToast: jest.fn(),
  showModal: jest.fn(),
  requestPayment: jest.fn(),
  // push: the consent dialog, the kept choices, the badge on 我的
  requestSubscribeMessage: jest.fn(),
  getSetting: jest.fn(),
  setTabBarBadge: jest.fn(),
  removeTabBarBadge: jest.fn(),
  setNavigationBarTitle: jest.fn(() => Promise.resolve({ errMsg: 'setNavigationBarTitle:ok' })),
  pageScrollTo: jest.fn(() => Promise.resolve({ errMsg: 'pageScrollTo:ok' })),
  // Issue 16 (the patient's experience): pull-down refresh, the map, the bright check-in screen.
  stopPullDownRefresh: jest.fn(),
  openLocation: jest.fn(() => Promise.resolve({ errMsg: 'openLocation:ok' })),
  setKeepScreenOn: jest.fn(() => Promise.resolve({ errMsg: 'setKeepScreenOn:ok' })),
  getScreenBrightness: jest.fn((options: { success?: (result: { value: number }) => void }) => options.success?.({ value: 0.4 })),
  setScreenBrightness: jest.fn(() => Promise.resolve({ errMsg: 'setScreenBrightness:ok' })),
  cloud: {
    init: jest.fn(),
    callFunction: jest.fn(),
  },
};

Object.assign(wx, edge);

const globals = globalThis as unknown as { getApp: () => unknown; getCurrentPages: () => unknown[] };
globals.getApp = () => ({ globalData: { cloudMode: 'local' } });
globals.getCurrentPages = () => [];
