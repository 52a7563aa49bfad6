import { fakeAccount, LI, XIAOBAO, ZHANG } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'packages/patient/card/index',
  states: [
    { name: 'loading', caption: '就诊卡管理：加载中', cloud: 'pending' },
    { name: 'data', caption: '选择就诊人并绑定就诊卡', cloud: { handlers: fakeAccount([ZHANG, XIAOBAO, LI]).handlers } },
    { name: 'one-patient', caption: '为指定就诊人绑卡', cloud: { handlers: fakeAccount().handlers }, query: { patientId: XIAOBAO.patientId } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
