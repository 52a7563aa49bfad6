/**
 * Page-test helpers: a fake `api` function behind the stubbed `wx.request` (the local-mode
 * transport), realistic hospital data, and loading pages with real Vant rendering.
 */
export * from './render';
export * from './hospital-data';
export * from './fake-api';
export * from './patient-helpers';
