import { fakeAccount, XIAOBAO } from '../../miniprogram/helpers';
import { recordsHandlers } from '../../miniprogram/records-helpers';
import { CURRENT_PATIENT_KEY } from '../../../miniprogram/services/patients';
import type { PageScreens } from '../types';

const screens: PageScreens = {
  page: 'packages/records/visits/index',
  states: [
    { name: 'loading', caption: '就诊记录：加载中', cloud: 'pending' },
    { name: 'data', caption: '当前就诊人的就诊记录，最近的在前', cloud: { handlers: recordsHandlers() } },
    { name: 'empty', caption: '切换到没有就诊记录的就诊人', cloud: { handlers: recordsHandlers() }, storage: { [CURRENT_PATIENT_KEY]: XIAOBAO.patientId } },
    { name: 'no-patient', caption: '还没有就诊人', cloud: { handlers: fakeAccount([]).handlers } },
    { name: 'hospital-down', caption: '医院系统暂时无法连接，可重试', cloud: { handlers: recordsHandlers({ 'visit.list': () => ({ ok: false, code: 'HOSPITAL_UNAVAILABLE', message: '医院系统暂时无法连接，请稍后再试' }) }) } },
    { name: 'error', caption: '网络异常', cloud: 'offline' },
  ],
};
export default screens;
