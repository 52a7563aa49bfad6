import { maskDocument } from '../../../miniprogram/core/documents';
import { fakeAccount, find, LI, XIAOBAO } from '../../miniprogram/helpers';
import type { PageScreens } from '../types';

const query = { patientId: XIAOBAO.patientId };
/** A patient added with a passport: the page names the document. */
const WITH_PASSPORT = { ...LI, docType: 'passport' as const, idCardNo: maskDocument('passport', 'E12345678') };

const screens: PageScreens = {
  page: 'packages/patient/detail/index',
  states: [
    { name: 'loading', caption: '就诊人详情加载中', cloud: 'pending', query },
    { name: 'data', caption: '就诊人信息（已脱敏）、就诊卡、设为默认、解除绑定', cloud: { handlers: fakeAccount().handlers }, query },
    {
      name: 'confirm-remove',
      caption: '解除绑定前的确认',
      cloud: { handlers: fakeAccount().handlers },
      query,
      act: async (page) => find(page, '.remove', '.van-button').dispatchEvent('tap'),
    },
    { name: 'passport', caption: '以护照添加的就诊人：证件名为护照', cloud: { handlers: fakeAccount([WITH_PASSPORT]).handlers }, query: { patientId: LI.patientId } },
    { name: 'not-found', caption: '未找到该就诊人', cloud: { handlers: fakeAccount().handlers }, query: { patientId: 'P9999' } },
    { name: 'error', caption: '网络异常', cloud: 'offline', query },
  ],
};
export default screens;
