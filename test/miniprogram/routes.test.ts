/** The route builders: one per page of app.json, and addresses the pages can read back. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PAGES, routes } from '../../miniprogram/routes';
import { MINIPROGRAM_ROOT } from './helpers';

interface AppJson {
  pages: string[];
  subpackages: { root: string; pages: string[] }[];
}

const app = JSON.parse(readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as AppJson;
const appPages = [...app.pages, ...app.subpackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))].map((p) => `/${p}`);

describe('routes', () => {
  it('names every page of app.json once, and nothing else', () => {
    expect([...Object.values(PAGES)].sort()).toEqual([...appPages].sort());
  });

  it('encodes every parameter and leaves out the ones not given', () => {
    expect(routes.bookingConfirm({ scheduleId: 'S 1', slotId: 'a&b' })).toBe('/pages/booking-confirm/index?scheduleId=S%201&slotId=a%26b');
    expect(routes.patientCard()).toBe('/packages/patient/card/index');
    expect(routes.departments({ section: 'schedule' })).toBe('/pages/departments/index?section=schedule');
    expect(routes.paymentResult({ outTradeNo: 'T1', billIds: ['B1', 'B2'], outcome: 'paid' })).toBe('/packages/payment/result/index?outTradeNo=T1&billIds=B1%2CB2&outcome=paid');
  });
});
