import type { PersonToBind } from '../../../../scripts/bind-patient';
import type { PatientAddResponse, PatientListResponse, PatientSendCodeResponse } from '../../../../typings/patient';
import { AppError } from '../../../../miniprogram/core/errors';
import { hospitalInstant } from '../../../../miniprogram/core/time';
import { PRIVACY_GUIDE_VERSION } from '../../../../miniprogram/core/privacy';
import type { AccountStore } from '../../../common/accounts';
import { idCard, REAL_NAME_MISMATCH } from '../../../testing/patient-hospital';
import { dataOf, expectFailure, harness, type Harness } from '../../../testing/harness';
import { MESSAGES } from './patient-add';

const ADULT_ID = idCard('19800101', 123); // male, 46 at NOW
const CHILD_ID = idCard('20180615', 246); // female, 7 at NOW
const MOTHER_ID = idCard('19880312', 222);

const adult = (over: Partial<PersonToBind> = {}): PersonToBind => ({ name: '张小明', idCardNo: ADULT_ID, phone: '13812345678', relation: '本人', ...over });
const child = (over: Partial<PersonToBind> = {}): PersonToBind => ({
  name: '王小花',
  idCardNo: CHILD_ID,
  phone: '13987654321',
  relation: '子女',
  guardian: { name: '李秀英', idCardNo: MOTHER_ID },
  ...over,
});
/** Five distinct adults and more, for the limit. */
const person = (i: number): PersonToBind => ({ name: `测试${'甲乙丙丁戊己庚辛壬癸'.charAt(i)}`, idCardNo: idCard('19700101', 100 + i * 2 + 1), phone: `1390000000${i}`, relation: '其他' });

let h: Harness;
beforeEach(() => {
  h = harness();
});

const registerCalls = () => h.fm.calls.filter((c) => c.op === 'patient.register');

describe('field checks: each field its own message and field, nothing reaches the hospital or the database', () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['name missing', { ...adult(), name: '' }, 'name', '请填写姓名'],
    ['name of one character', adult({ name: '张' }), 'name', '姓名应为2-30个字'],
    ['name of 31 characters', adult({ name: '张'.repeat(31) }), 'name', '姓名应为2-30个字'],
    ['name with digits', adult({ name: '张三3' }), 'name', '姓名只能包含汉字、字母和“·”'],
    ['name with a leading dot', adult({ name: '·买买提' }), 'name', '姓名只能包含汉字、字母和“·”'],
    ['name with a space between Chinese characters', adult({ name: '张 三' }), 'name', '姓名只能包含汉字、字母和“·”'],
    ['name not text', { ...adult(), name: 42 }, 'name', '姓名应为文字'],
    ['ID missing', { ...adult(), idCardNo: undefined }, 'idCardNo', '请填写证件号码'],
    ['ID of 17 characters', adult({ idCardNo: ADULT_ID.slice(0, 17) }), 'idCardNo', '身份证号应为18位'],
    ['ID with a letter inside', adult({ idCardNo: `${ADULT_ID.slice(0, 5)}A${ADULT_ID.slice(6)}` }), 'idCardNo', '身份证号只能由数字组成，最后一位可以是X'],
    ['ID of an unknown region', adult({ idCardNo: idCard('19800101', 123, '990105') }), 'idCardNo', '身份证号地区码无效'],
    ['ID born tomorrow (hospital date)', adult({ idCardNo: idCard('20260310') }), 'idCardNo', '身份证号出生日期无效'],
    ['ID with a wrong check character', adult({ idCardNo: `${ADULT_ID.slice(0, 17)}${ADULT_ID.endsWith('0') ? '1' : '0'}` }), 'idCardNo', '身份证号校验位不正确，请核对后重新输入'],
    ['phone too short', adult({ phone: '1381234567' }), 'phone', '请输入正确的11位手机号'],
    ['phone not a mobile', adult({ phone: '02112345678' }), 'phone', '请输入正确的11位手机号'],
    ['phone missing', { ...adult(), phone: null }, 'phone', '请填写手机号'],
    ['relation unknown', { ...adult(), relation: '朋友' }, 'relation', '与本人关系只能是：本人、子女、父母、配偶、其他'],
    ['relation missing', { ...adult(), relation: undefined }, 'relation', '请填写与本人关系'],
    ['a minor without guardian', child({ guardian: undefined }), 'guardian', MESSAGES.guardianRequired],
    ['a guardian for an adult', adult({ guardian: { name: '李秀英', idCardNo: MOTHER_ID } }), 'guardian', MESSAGES.guardianNotNeeded],
    ['guardian not an object', { ...child(), guardian: '李秀英' }, 'guardian', '监护人信息应为对象'],
    ['guardian without name', { ...child(), guardian: { idCardNo: MOTHER_ID } }, 'guardian.name', '请填写监护人姓名'],
    ['guardian name bad', child({ guardian: { name: '李', idCardNo: MOTHER_ID } }), 'guardian.name', '监护人姓名应为2-30个字'],
    ['guardian without ID', { ...child(), guardian: { name: '李秀英' } }, 'guardian.idCardNo', '请填写监护人身份证号'],
    ['guardian ID bad checksum', child({ guardian: { name: '李秀英', idCardNo: `${MOTHER_ID.slice(0, 17)}${MOTHER_ID.endsWith('1') ? '2' : '1'}` } }), 'guardian.idCardNo', '监护人身份证号校验位不正确，请核对后重新输入'],
    ['guardian a minor', child({ guardian: { name: '王小刚', idCardNo: idCard('20090101', 111) } }), 'guardian.idCardNo', MESSAGES.guardianMinor],
    ['guardian the patient', child({ guardian: { name: '王小花', idCardNo: CHILD_ID } }), 'guardian.idCardNo', MESSAGES.guardianSameId],
    ['guardian unknown field', { ...child(), guardian: { name: '李秀英', idCardNo: MOTHER_ID, phone: '13800000000' } }, 'guardian.phone', '不支持的参数：phone'],
    ['an extra field', { ...adult(), openid: 'someone' }, 'openid', '不支持的参数：openid'],
  ];

  test.each(cases)('%s', async (_name, data, field, message) => {
    expectFailure(await h.call('o-a', 'patient.add', { ...data, challengeId: 'VC1', smsCode: '123456' }), 'INVALID_INPUT', field, message);
    expect(h.fm.calls).toHaveLength(0);
    expect(await h.raw('o-a')).toBeNull();
  });

  test('the guardian rule follows the hospital calendar: 14 today in Shanghai, even at 00:00 (UTC still the day before)', async () => {
    h.clock.now = hospitalInstant('2026-03-09 00:00:00');
    const fourteenToday = idCard('20120309', 135);
    const fourteenTomorrow = idCard('20120310', 137);
    expect((await h.bind('o-a', adult({ name: '赵今天', idCardNo: fourteenToday, relation: '子女' }))).ok).toBe(true);
    expectFailure(await h.bind('o-a', adult({ name: '赵明天', idCardNo: fourteenTomorrow, relation: '子女' })), 'INVALID_INPUT', 'guardian', MESSAGES.guardianRequired);
  });

  test.each(['阿卜杜拉·买买提', '阿卜杜拉•买买提', 'John Smith', '欧阳娜娜', '李四'])('the name %s is accepted', async (name) => {
    const r = dataOf<PatientAddResponse>(await h.bind('o-a', adult({ name })));
    expect(registerCalls()[0]?.req).toMatchObject({ name: name.replace('•', '·') });
    expect(r.patient.name).not.toBe(name);
  });

  test('"本人" only once per account', async () => {
    dataOf(await h.bind('o-a', adult()));
    expectFailure(await h.bind('o-a', { ...person(1), relation: '本人' }), 'INVALID_INPUT', 'relation', MESSAGES.selfOnce);
    expect(registerCalls()).toHaveLength(1);
  });
});

describe('binding', () => {
  test('a minor with guardian: registered at the hospital with normalised values, answered masked, first becomes default', async () => {
    const typed = child({ idCardNo: ` ${CHILD_ID.toLowerCase()} `, phone: '+86 139-8765-4321', name: ' 王小花 ' });
    const r = dataOf<PatientAddResponse>(await h.bind('o-a', typed));
    expect(r.patient).toEqual({
      patientId: r.patientId,
      name: '王*花',
      idCardNo: `${CHILD_ID.slice(0, 3)}***********${CHILD_ID.slice(-4)}`,
      phone: '139****4321',
      relation: '子女',
      sex: 'F',
      isDefault: true,
      card: null,
      hasGuardian: true,
    });
    expect(registerCalls()).toEqual([
      {
        op: 'patient.register',
        req: {
          name: '王小花',
          idCardNo: CHILD_ID,
          phone: '13987654321',
          guardian: { name: '李秀英', idCardNo: MOTHER_ID },
          caller: expect.stringMatching(/^[0-9a-f]{32}$/),
          challengeId: h.hospital.sent[0]?.challengeId,
          code: h.hospital.sent[0]?.code,
          allowNew: true,
        },
        opts: { idempotencyKey: expect.stringMatching(/^patient\.register:[0-9a-f]{64}$/) },
      },
    ]);
    const second = dataOf<PatientAddResponse>(await h.bind('o-a', adult({ relation: '父母' })));
    expect(second.patient).toMatchObject({ isDefault: false, sex: 'M', hasGuardian: false, name: '张*明', phone: '138****5678' });
    const list = dataOf<PatientListResponse>(await h.call('o-a', 'patient.list', {}));
    expect(list.patients.map((p) => p.patientId)).toEqual([r.patientId, second.patientId]);
    expect(list.limit).toBe(5);
  });

  test('the stored document keeps only masked values, the HMAC and the flags — never the full ID, name or phone', async () => {
    const r = dataOf<PatientAddResponse>(await h.bind('o-a', child()));
    const raw = await h.raw('o-a');
    const text = JSON.stringify(raw);
    for (const secret of [CHILD_ID, MOTHER_ID, '王小花', '李秀英', '13987654321', CHILD_ID.slice(6, 14), MOTHER_ID.slice(6, 14)]) {
      expect(text).not.toContain(secret);
    }
    const patients = (raw as { patients: Record<string, unknown>[] }).patients;
    expect(Object.keys(raw ?? {}).sort()).toEqual(['_id', 'createdAt', 'patients', 'updatedAt']);
    expect(Object.keys(patients[0] ?? {}).sort()).toEqual(
      ['boundAt', 'card', 'hasGuardian', 'idCardHmac', 'idCardMasked', 'isDefault', 'nameMasked', 'patientId', 'phoneMasked', 'relation', 'sex'].sort(),
    );
    expect(patients[0]).toMatchObject({ patientId: r.patientId, nameMasked: '王*花', phoneMasked: '139****4321', idCardHmac: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  test('the idempotency key names neither the person nor the caller, and differs per caller', async () => {
    dataOf(await h.bind('o-a', adult()));
    dataOf(await h.bind('o-b', adult()));
    const [a, b] = registerCalls().map((c) => c.opts?.idempotencyKey ?? '');
    expect(a).not.toBe(b);
    for (const key of [a, b]) {
      expect(key).not.toContain(ADULT_ID);
      expect(key).not.toContain('o-a');
    }
  });

  test('the 6th patient is LIMIT_REACHED, without a hospital call', async () => {
    for (let i = 0; i < 5; i++) dataOf(await h.bind('o-a', person(i)));
    expectFailure(await h.bind('o-a', person(5)), 'LIMIT_REACHED', undefined, MESSAGES.limit);
    expect(registerCalls()).toHaveLength(5);
    expect((await h.raw('o-a'))?.patients).toHaveLength(5);
  });

  test('the same ID twice (however typed) is CONFLICT, compared by HMAC, without a hospital call', async () => {
    dataOf(await h.bind('o-a', adult()));
    const again = adult({ idCardNo: ` ${ADULT_ID.slice(0, 9)} ${ADULT_ID.slice(9)}`, relation: '其他' });
    expectFailure(await h.bind('o-a', again), 'CONFLICT', 'idCardNo', MESSAGES.duplicate);
    expect(registerCalls()).toHaveLength(1);
  });

  test('another account may bind the same person (a family shares a child)', async () => {
    const a = dataOf<PatientAddResponse>(await h.bind('o-a', child()));
    const b = dataOf<PatientAddResponse>(await h.bind('o-b', child()));
    expect(b.patientId).toBe(a.patientId);
  });

  test('another name on record: no code reaches anyone, the neutral RULE_VIOLATION naming no field; nothing is bound', async () => {
    h.hospital.enrol({ name: '张大明', idCardNo: ADULT_ID, phone: '13812345678' });
    expectFailure(await h.bind('o-a', adult()), 'RULE_VIOLATION', undefined, REAL_NAME_MISMATCH);
    expect(h.hospital.sent.map((m) => m.phone)).toEqual([null]);
    expect(await h.raw('o-a')).toBeNull();
    // Corrected, it is a new request (its own idempotency key) and binds the existing hospital patient.
    const ok = dataOf<PatientAddResponse>(await h.bind('o-a', adult({ name: '张大明' })));
    expect(ok.patientId).toBe(h.hospital.patients.get(ADULT_ID)?.patientId);
    const [first, second] = registerCalls();
    expect(first?.opts?.idempotencyKey).not.toBe(second?.opts?.idempotencyKey);
  });

  test('the hospital unreachable is HOSPITAL_UNAVAILABLE; nothing is bound', async () => {
    h = harness({
      answers: {
        'patient.register': () => {
          throw new AppError('HOSPITAL_UNAVAILABLE');
        },
      },
    });
    expectFailure(await h.bind('o-a', adult()), 'HOSPITAL_UNAVAILABLE', undefined);
    expect(await h.raw('o-a')).toBeNull();
  });
});

describe('concurrency and retries', () => {
  test('10 parallel adds of distinct people: exactly 5 bound, the rest LIMIT_REACHED, one default', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => h.bind('o-a', person(i))));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    for (const r of results.filter((x) => !x.ok)) expectFailure(r, 'LIMIT_REACHED', undefined, MESSAGES.limit);
    const stored = (await h.raw('o-a'))?.patients as { isDefault: boolean; patientId: string }[];
    expect(stored).toHaveLength(5);
    expect(stored.filter((p) => p.isDefault)).toHaveLength(1);
    expect(new Set(stored.map((p) => p.patientId)).size).toBe(5);
  });

  test('5 parallel adds of the same person: bound once, the others CONFLICT', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => h.bind('o-a', child())));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expectFailure(r, 'CONFLICT', 'idCardNo', MESSAGES.duplicate);
    expect((await h.raw('o-a'))?.patients).toHaveLength(1);
    expect(h.hospital.patients.size).toBe(1);
  });

  test('parallel adds on two accounts do not interfere', async () => {
    const results = await Promise.all([...Array.from({ length: 4 }, (_, i) => h.bind('o-a', person(i))), ...Array.from({ length: 4 }, (_, i) => h.bind('o-b', person(i)))]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await h.raw('o-a'))?.patients).toHaveLength(4);
    expect((await h.raw('o-b'))?.patients).toHaveLength(4);
  });

  test('the cloud write fails after the hospital registered: the retry is the same request and ends bound once, same patientId', async () => {
    let failuresLeft = 1;
    h = harness({
      wrapAccounts: (store): AccountStore => ({
        load: (openid) => store.load(openid),
        update: (openid, nowMs, decide) => {
          if (failuresLeft-- > 0) return Promise.reject(new Error('document.set:fail -502001 database request fail'));
          return store.update(openid, nowMs, decide);
        },
      }),
    });
    await h.call('o-a', 'privacy.consent', { version: PRIVACY_GUIDE_VERSION });
    const { relation: _relation, ...identity } = child();
    const sent = dataOf<PatientSendCodeResponse>(await h.call('o-a', 'patient.sendCode', identity));
    const add = { ...child(), challengeId: sent.challengeId, smsCode: (await h.hospital.inbox(child().phone, sent.challengeId)) as string };
    const first = await h.call('o-a', 'patient.add', add);
    expectFailure(first, 'INTERNAL', undefined, '系统繁忙，请稍后再试');
    expect(await h.raw('o-a')).toBeNull();
    // The page submits again with the same code: the same hospital request, which the front machine replays.
    const retry = dataOf<PatientAddResponse>(await h.call('o-a', 'patient.add', add));
    const calls = registerCalls();
    expect(calls).toHaveLength(2);
    expect(calls[1]?.opts).toEqual(calls[0]?.opts);
    expect(calls[1]?.req).toEqual(calls[0]?.req);
    expect(retry.patientId).toBe(h.hospital.patients.get(CHILD_ID)?.patientId);
    expect(h.hospital.patients.size).toBe(1);
    expect((await h.raw('o-a'))?.patients).toEqual([expect.objectContaining({ patientId: retry.patientId, isDefault: true })]);
    // And a third try is simply the duplicate.
    expectFailure(await h.bind('o-a', child()), 'CONFLICT', 'idCardNo');
  });
});

describe('logs', () => {
  test('the raw ID numbers, phone and names never reach the log, success or failure', async () => {
    dataOf(await h.bind('oSecretOpenId42', child({ phone: '13987654321' })));
    await h.bind('oSecretOpenId42', child());
    await h.bind('oSecretOpenId42', adult({ phone: '1381234567' }));
    h.hospital.enrol({ name: '张大明', idCardNo: ADULT_ID, phone: '13800000000' });
    await h.bind('oSecretOpenId42', adult({ relation: '父母' }));
    const text = h.lines.join('\n');
    expect(h.lines.length).toBeGreaterThanOrEqual(4);
    for (const secret of [CHILD_ID, MOTHER_ID, ADULT_ID, '13987654321', '13812345678', '1381234567', '王小花', '李秀英', '张小明', 'oSecretOpenId42']) {
      expect(text).not.toContain(secret);
    }
  });
});
