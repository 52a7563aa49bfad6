/**
 * The hospital's privacy guide (隐私保护指引) as the add-patient flow summarises it. A new version
 * asks every account to consent again before its next patient is added.
 */

export const PRIVACY_GUIDE_VERSION = '2026-12-01';

export const PRIVACY_GUIDE_SUMMARY: readonly string[] = [
  '为办理预约挂号、缴费、查询报告等就医服务，我们需要收集就诊人的姓名、证件号码、手机号，未成年人还需收集监护人的姓名和身份证号。',
  '这些信息仅传送至医院用于建档和核验身份；小程序云端只保存脱敏后的姓名、证件号和手机号，不保存完整证件号码和任何诊疗内容。',
  '添加就诊人时，医院会向其登记的手机号发送短信验证码，以确认您有权为其办理业务。',
  '您可以随时在“就诊人管理”中解除绑定；如需更正医院登记的信息，请携带证件到医院窗口办理。',
];
