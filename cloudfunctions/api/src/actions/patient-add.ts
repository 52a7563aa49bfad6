/**
 * `patient.add`: binds a patient only with the code the hospital sent (`patient.sendCode`). Checks
 * every field and the privacy consent, the challenge (the caller's, about this person), then the
 * hospital checks the code and finds or creates the patient — nothing on file changes — and the
 * binding is written in one transaction that re-checks the limit and duplicates. Every "who exists"
 * failure is the one neutral refusal. Only masked values and the document's HMAC are stored.
 */
import type { AccountDoc, PatientBinding } from '../../../../typings/db';
import type { BoundPatient } from '../../../../typings/patient';
import { RELATIONS } from '../../../../miniprogram/core/patient';
import { AppError } from '../../../../miniprogram/core/errors';
import { maskDocument } from '../../../../miniprogram/core/documents';
import { maskName, maskPhone } from '../../../../miniprogram/core/mask';
import { NEUTRAL_REFUSAL, NEW_RECORDS_PER_ACCOUNT_PER_DAY, SMS_CODE_PATTERN, SMS_CODE_REFUSAL } from '../../../../miniprogram/core/verification';
import { keyedDigest } from '../../../common/privacy';
import type { ActionDefinition } from '../action';
import { ACCOUNT_MESSAGES, IDENTITY_MESSAGES, IDENTITY_SCHEMA, accountRefusal, callerOf, checkIdentity } from './identity';
import { requireConsent } from './privacy';
import { toBoundPatient } from './patients';

const DAY_MS = 24 * 3_600_000;

export const MESSAGES = { ...IDENTITY_MESSAGES, ...ACCOUNT_MESSAGES, neutral: NEUTRAL_REFUSAL } as const;

export const patientAdd: ActionDefinition<'patient.add', 'account'> = {
  schema: {
    ...(IDENTITY_SCHEMA as Omit<ActionDefinition<'patient.add', 'account'>['schema'], 'relation' | 'challengeId' | 'smsCode'>),
    relation: { type: 'enum', label: '与本人关系', required: true, values: RELATIONS },
    challengeId: { type: 'string', label: '验证码', required: true, pattern: /^[A-Za-z0-9]{1,40}$/ },
    smsCode: { type: 'string', label: '验证码', required: true, check: (v) => (SMS_CODE_PATTERN.test(v.trim()) ? undefined : SMS_CODE_REFUSAL) },
  },
  scope: 'account',
  async handler(ctx, input) {
    const checked = checkIdentity(input, ctx.clock(), ctx.idHmacKey);
    await requireConsent(ctx.identity, ctx.openid);
    const before = accountRefusal(ctx.account?.patients ?? [], input.relation, checked.personHmac);
    if (before) throw before;

    // Another account's, another person's, expired or unknown: the same answer as a wrong code.
    const challenge = await ctx.identity.challenge(input.challengeId);
    if (challenge === null || challenge.openid !== ctx.openid || challenge.personHmac !== checked.personHmac || challenge.expiresAt < ctx.clock()) {
      throw new AppError('RULE_VIOLATION', MESSAGES.neutral);
    }
    const newRecords = await ctx.identity.count(ctx.openid, 'newRecords', DAY_MS, ctx.clock());
    const code = input.smsCode.trim();
    const register = { ...checked.person, caller: callerOf(ctx.idHmacKey, ctx.openid), challengeId: input.challengeId, code, allowNew: newRecords < NEW_RECORDS_PER_ACCOUNT_PER_DAY };
    // Deterministic: the same caller sending the same code for the same person is the same request.
    const idempotencyKey = `patient.register:${keyedDigest(ctx.idHmacKey, ['patient.register', ctx.openid, checked.personHmac, register])}`;
    const registered = await ctx.frontMachine.call('patient.register', register, { idempotencyKey });
    if (registered.isNew) await ctx.identity.record(ctx.openid, 'newRecords', ctx.clock());

    const docType = checked.doc.docType;
    const binding = (current: AccountDoc | null): PatientBinding => ({
      patientId: registered.patientId,
      nameMasked: maskName(checked.person.name),
      idCardMasked: maskDocument(docType, checked.doc.number),
      idCardHmac: checked.personHmac,
      phoneMasked: maskPhone(checked.person.phone),
      relation: input.relation,
      sex: registered.sex,
      ...(docType === 'id_card' ? {} : { docType }),
      isDefault: (current?.patients.length ?? 0) === 0,
      card: null,
      hasGuardian: registered.hasGuardian,
      boundAt: ctx.clock(),
    });
    const patient = await ctx.updateAccount<BoundPatient>((current) => {
      const patients = current?.patients ?? [];
      const refusal = accountRefusal(patients, input.relation, checked.personHmac);
      if (refusal) return { refusal };
      // The hospital's id is the person too: never two bindings of one hospital patient.
      if (patients.some((p) => p.patientId === registered.patientId)) return { refusal: new AppError('CONFLICT', MESSAGES.duplicate, 'idCardNo') };
      const added = binding(current);
      return { patients: [...patients, added], answer: toBoundPatient(added) };
    });
    await ctx.identity.removeChallenge(input.challengeId);
    ctx.log.info('patient bound', { patientId: patient.patientId, isNew: registered.isNew, relation: input.relation, docType });
    return { patientId: patient.patientId, patient };
  },
};
