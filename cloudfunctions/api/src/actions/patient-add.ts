/**
 * `patient.add`: checks every field, finds or creates the patient at the hospital (real name), then
 * binds them to the caller in one transaction that re-checks the limit and duplicates, so
 * concurrent adds cannot pass 5 or bind one person twice. Only masked values and the ID number's
 * HMAC are stored. A retry after a failed cloud write is the same hospital request (same
 * Idempotency-Key, same body) and ends bound once.
 */
import type { AccountDoc, PatientBinding } from '../../../../typings/db';
import type { OperationRequest } from '../../../../typings/frontmachine';
import type { BoundPatient, PatientAddRequest } from '../../../../typings/patient';
import { RELATIONS } from '../../../../miniprogram/core/patient';
import { AppError } from '../../../../miniprogram/core/errors';
import { isMinor, parseIdCard, type IdCardInfo } from '../../../../miniprogram/core/idcard';
import { maskIdCard, maskName, maskPhone } from '../../../../miniprogram/core/mask';
import { normalizeMobile } from '../../../../miniprogram/core/phone';
import { MAX_PATIENTS_PER_ACCOUNT } from '../../../common/accounts';
import { idCardHmac, keyedDigest } from '../../../common/privacy';
import type { ActionDefinition } from '../action';
import { nameRefusal, normalizeName, phoneRefusal, toBoundPatient } from './patients';

/** A guardian must be an adult. */
export const GUARDIAN_MIN_AGE = 18;

export const MESSAGES = {
  guardianRequired: '未满14周岁的就诊人须填写监护人信息',
  guardianNotNeeded: '年满14周岁的就诊人无需填写监护人信息',
  guardianMinor: `监护人须年满${GUARDIAN_MIN_AGE}周岁`,
  guardianSameId: '监护人身份证号不能与就诊人相同',
  selfOnce: '每个账号只能添加一位“本人”，请选择其他关系',
  limit: `每个账号最多绑定${MAX_PATIENTS_PER_ACCOUNT}位就诊人`,
  duplicate: '该就诊人已添加',
} as const;

/** What is left to check once the router has validated the fields' types and formats. */
interface CheckedPatient {
  register: OperationRequest<'patient.register'>;
  id: IdCardInfo;
  idCardHmac: string;
}

function parseId(raw: string, nowMs: number, field: string, prefix = ''): IdCardInfo {
  const parsed = parseIdCard(raw, nowMs);
  if (!parsed.ok) throw new AppError('INVALID_INPUT', `${prefix}${parsed.message}`, field);
  return parsed.value;
}

/** The checks that need the clock (age, guardian): field by field, in the form's order. */
function checkPatient(input: PatientAddRequest, nowMs: number, idHmacKey: string): CheckedPatient {
  const id = parseId(input.idCardNo, nowMs, 'idCardNo');
  const phone = normalizeMobile(input.phone) as string; // the schema already refused anything else
  const register: OperationRequest<'patient.register'> = { name: normalizeName(input.name), idCardNo: id.idCardNo, phone };
  if (isMinor(id.ageYears)) {
    if (!input.guardian) throw new AppError('INVALID_INPUT', MESSAGES.guardianRequired, 'guardian');
    const guardian = parseId(input.guardian.idCardNo, nowMs, 'guardian.idCardNo', '监护人');
    if (guardian.idCardNo === id.idCardNo) throw new AppError('INVALID_INPUT', MESSAGES.guardianSameId, 'guardian.idCardNo');
    if (guardian.ageYears < GUARDIAN_MIN_AGE) throw new AppError('INVALID_INPUT', MESSAGES.guardianMinor, 'guardian.idCardNo');
    register.guardian = { name: normalizeName(input.guardian.name), idCardNo: guardian.idCardNo };
  } else if (input.guardian) {
    throw new AppError('INVALID_INPUT', MESSAGES.guardianNotNeeded, 'guardian');
  }
  return { register, id, idCardHmac: idCardHmac(idHmacKey, id.idCardNo) };
}

/** The account's rules, checked before the hospital call and again inside the transaction. */
function accountRefusal(patients: readonly PatientBinding[], relation: string, hmac: string): AppError | undefined {
  if (relation === '本人' && patients.some((p) => p.relation === '本人' && p.idCardHmac !== hmac)) {
    return new AppError('INVALID_INPUT', MESSAGES.selfOnce, 'relation');
  }
  if (patients.some((p) => p.idCardHmac === hmac)) return new AppError('CONFLICT', MESSAGES.duplicate, 'idCardNo');
  if (patients.length >= MAX_PATIENTS_PER_ACCOUNT) return new AppError('LIMIT_REACHED', MESSAGES.limit);
  return undefined;
}

export const patientAdd: ActionDefinition<'patient.add', 'account'> = {
  schema: {
    name: { type: 'string', label: '姓名', required: true, check: (v) => nameRefusal(v) },
    idCardNo: { type: 'string', label: '身份证号', required: true },
    phone: { type: 'string', label: '手机号', required: true, check: phoneRefusal },
    relation: { type: 'enum', label: '与本人关系', required: true, values: RELATIONS },
    guardian: {
      type: 'object',
      label: '监护人信息',
      fields: {
        name: { type: 'string', label: '监护人姓名', required: true, check: (v) => nameRefusal(v, '监护人姓名') },
        idCardNo: { type: 'string', label: '监护人身份证号', required: true },
      },
    },
  },
  scope: 'account',
  async handler(ctx, input) {
    const checked = checkPatient(input, ctx.clock(), ctx.idHmacKey);
    const before = accountRefusal(ctx.account?.patients ?? [], input.relation, checked.idCardHmac);
    if (before) throw before;

    // Deterministic: the same caller adding the same person with the same details is the same request.
    const idempotencyKey = `patient.register:${keyedDigest(ctx.idHmacKey, ['patient.register', ctx.openid, checked.idCardHmac, checked.register])}`;
    const registered = await ctx.frontMachine.call('patient.register', checked.register, { idempotencyKey });

    const binding = (current: AccountDoc | null): PatientBinding => ({
      patientId: registered.patientId,
      nameMasked: maskName(checked.register.name),
      idCardMasked: maskIdCard(checked.id.idCardNo),
      idCardHmac: checked.idCardHmac,
      phoneMasked: maskPhone(checked.register.phone),
      relation: input.relation,
      sex: registered.sex,
      isDefault: (current?.patients.length ?? 0) === 0,
      card: null,
      hasGuardian: registered.hasGuardian,
      boundAt: ctx.clock(),
    });
    const patient = await ctx.updateAccount<BoundPatient>((current) => {
      const patients = current?.patients ?? [];
      const refusal = accountRefusal(patients, input.relation, checked.idCardHmac);
      if (refusal) return { refusal };
      // The hospital's id is the person too: never two bindings of one hospital patient.
      if (patients.some((p) => p.patientId === registered.patientId)) return { refusal: new AppError('CONFLICT', MESSAGES.duplicate, 'idCardNo') };
      const added = binding(current);
      return { patients: [...patients, added], answer: toBoundPatient(added) };
    });
    ctx.log.info('patient bound', { patientId: patient.patientId, isNew: registered.isNew, relation: input.relation });
    return { patientId: patient.patientId, patient };
  },
};
