import { fakeAccount } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'packages/patient/add/index',
  states: [{ name: 'form', caption: '添加就诊人：实名信息表单', cloud: { handlers: fakeAccount().handlers } }],
};
export default screens;
