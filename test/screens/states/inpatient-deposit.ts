import { find, tap, untilText, ZHANG } from '../../miniprogram/helpers';
import { CURRENT_STAY, fakeWard, PAST_STAY } from '../../miniprogram/inpatient-helpers';
import type { PageScreens } from '../types';

const query = { patientId: ZHANG.patientId, stayId: CURRENT_STAY.stayId };
const cloud = { handlers: fakeWard().handlers };

const screens: PageScreens = {
  page: 'packages/inpatient/deposit/index',
  states: [
    { name: 'loading', caption: '缴纳押金：加载中', cloud: 'pending', query },
    { name: 'data', caption: '余额不足的住院：选金额（1000 / 2000 / 5000 元）或输入其他金额', cloud, query },
    { name: 'custom', caption: '输入其他金额，按钮写出要缴的数目', cloud, query, act: async (page) => {
      find(page, '.custom').dispatchEvent('change', { detail: '1234.56' });
      await untilText(page, '确认缴纳 1234.56元');
    } },
    { name: 'amount-refused', caption: '金额低于100元，提示在输入框下', cloud, query, act: async (page) => {
      find(page, '.custom').dispatchEvent('change', { detail: '99.99' });
      tap(page, '.pay', '.van-button');
      await untilText(page, '单笔押金不能少于100元');
    } },
    { name: 'discharged', caption: '已出院：押金请到住院处办理', cloud, query: { patientId: ZHANG.patientId, stayId: PAST_STAY.stayId } },
    { name: 'error', caption: '网络异常', cloud: 'offline', query },
  ],
};
export default screens;
