/** Pure helpers of the patient screens: the QR matrix and its painting, refresh timing, form rules, current patient. */
import { idCardCheckChar } from '../../miniprogram/core/idcard';
import { pickCurrentPatient, RELATIONS } from '../../miniprogram/core/patient';
import { cardNoRefusal, formNeedsGuardian, sendCodeRequest, EMPTY_PATIENT_FORM, RELATION_CHOICES, fieldRefusal, formFieldOf, formRefusals, nameRefusal, patientAddRequest, type PatientForm } from '../../miniprogram/view-models/patient-form';
import { cardTag } from '../../miniprogram/view-models/patients';
import { paintQr, QR_MIN_REFRESH_MS, QR_QUIET_ZONE, qrLayout, qrMatrix, qrRefreshDelay, qrVersion, type QrCanvasContext } from '../../miniprogram/view-models/qrcode';
import { LI, XIAOBAO, ZHANG } from './helpers';

describe('qrMatrix', () => {
  it('gives a 21×21 (version 1) matrix for a short text', () => {
    const matrix = qrMatrix('HELLO WORLD');
    expect(matrix).toHaveLength(21);
    for (const row of matrix) expect(row).toHaveLength(21);
    expect(qrVersion(matrix)).toBe(1);
  });

  it('gives a 33×33 (version 4) matrix for a check-in code as the hospital signs it', () => {
    const code = 'PHQR1.P1001.1764470100.AbCdEfGhIjKlMnOpQrStUv'; // 45 bytes: over version 3-M's 42, within 4-M's 62
    const matrix = qrMatrix(code);
    expect(matrix).toHaveLength(33);
    expect(matrix.every((row) => row.length === 33)).toBe(true);
    expect(qrVersion(matrix)).toBe(4);
  });

  it('has the three finder patterns in the corners', () => {
    const matrix = qrMatrix('PHQR1.P1001.1764470100.AbCdEfGhIjKlMnOpQrStUv');
    const n = matrix.length;
    const finderAt = (top: number, left: number) => {
      for (let r = 0; r < 7; r += 1) {
        for (let c = 0; c < 7; c += 1) {
          const ring = r === 0 || r === 6 || c === 0 || c === 6;
          const core = r >= 2 && r <= 4 && c >= 2 && c <= 4;
          expect(matrix[top + r]?.[left + c]).toBe(ring || core);
        }
      }
    };
    finderAt(0, 0);
    finderAt(0, n - 7);
    finderAt(n - 7, 0);
  });

  it('is the same for the same text, and differs for another code', () => {
    expect(qrMatrix('PHQR1.P1001.1.x')).toEqual(qrMatrix('PHQR1.P1001.1.x'));
    expect(qrMatrix('PHQR1.P1001.1.x')).not.toEqual(qrMatrix('PHQR1.P1003.1.x'));
  });

  it('encodes non-ASCII text as UTF-8 (more bytes, so a larger code than Latin-1 would give)', () => {
    expect(qrMatrix('张'.repeat(5)).length).toBe(qrMatrix('a'.repeat(15)).length);
  });
});

describe('qrLayout and paintQr', () => {
  it('uses whole-pixel modules, centred, with the quiet zone', () => {
    const { cell, offset } = qrLayout(33, 180);
    expect(cell).toBe(Math.floor(180 / (33 + 2 * QR_QUIET_ZONE)));
    expect(offset).toBe((180 - cell * 33) / 2);
    expect(offset).toBeGreaterThanOrEqual(QR_QUIET_ZONE * cell);
  });

  it('shrinks below a pixel per module rather than cut the code', () => {
    const { cell, offset } = qrLayout(33, 20);
    expect(cell * 33).toBeLessThanOrEqual(20);
    expect(offset).toBeGreaterThan(0);
  });

  it('paints a white square, then every dark module exactly once', () => {
    const matrix = qrMatrix('HELLO WORLD');
    const dark = new Set<string>();
    let background = '';
    const ctx: QrCanvasContext = {
      fillStyle: '',
      fillRect(x, y, w, h) {
        if (this.fillStyle === '#ffffff') {
          background = `${x},${y},${w},${h}`;
          return;
        }
        const { cell, offset } = qrLayout(matrix.length, 116);
        const row = (y - offset) / cell;
        for (let c = (x - offset) / cell; c < (x - offset + w) / cell; c += 1) {
          const key = `${row},${c}`;
          expect(dark.has(key)).toBe(false);
          dark.add(key);
        }
        expect(h).toBe(cell);
      },
    };
    paintQr(ctx, matrix, 116);
    expect(background).toBe('0,0,116,116');
    const expected = new Set(matrix.flatMap((row, r) => row.flatMap((on, c) => (on ? [`${r},${c}`] : []))));
    expect(dark).toEqual(expected);
  });
});

describe('qrRefreshDelay', () => {
  const now = Date.parse('2026-11-30T01:00:00Z');

  it('fetches the next code 30 s before this one expires', () => {
    expect(qrRefreshDelay(new Date(now + 5 * 60_000).toISOString(), now)).toBe(4 * 60_000 + 30_000);
  });

  it('never loops faster than the floor, whatever the device clock says', () => {
    expect(qrRefreshDelay(new Date(now - 60_000).toISOString(), now)).toBe(QR_MIN_REFRESH_MS);
    expect(qrRefreshDelay('not a date', now)).toBe(QR_MIN_REFRESH_MS);
  });
});

describe('patient form rules', () => {
  const NOW = Date.parse('2026-11-30T01:00:00Z');
  const id = (birth: string, seq = '123') => {
    const first17 = `110105${birth}${seq}`;
    return `${first17}${idCardCheckChar(first17)}`;
  };
  const adult: PatientForm = { ...EMPTY_PATIENT_FORM, name: '王建军', idCardNo: id('19850610'), phone: '13912345678', relation: '父母', smsCode: '123456' };

  it('accepts a complete adult form and builds the request without a guardian, with the challenge and the code', () => {
    expect(Object.values(formRefusals(adult, NOW)).every((m) => m === '')).toBe(true);
    expect(patientAddRequest({ ...adult, guardianName: '张三', guardianIdCardNo: id('19800101') }, NOW, 'VC7')).toEqual({
      name: '王建军',
      idCardNo: adult.idCardNo,
      phone: '13912345678',
      relation: '父母',
      challengeId: 'VC7',
      smsCode: '123456',
    });
  });

  it('other documents: their own rules, birth date and sex asked, a guardian always for a birth certificate', () => {
    const passport: PatientForm = { ...adult, docType: 'passport', idCardNo: ' e1234 5678 ', birthDate: '1985-04-02', sex: 'F' };
    expect(Object.values(formRefusals(passport, NOW)).every((m) => m === '')).toBe(true);
    expect(sendCodeRequest(passport, NOW)).toEqual({ name: '王建军', docType: 'passport', idCardNo: 'E12345678', birthDate: '1985-04-02', sex: 'F', phone: '13912345678' });
    expect(fieldRefusal('birthDate', { ...passport, birthDate: '2030-01-01' }, NOW)).toBe('出生日期无效');
    expect(fieldRefusal('sex', { ...passport, sex: '' }, NOW)).toBe('请选择性别');
    expect(fieldRefusal('idCardNo', { ...passport, docType: 'hk_macau_permit', idCardNo: 'X12345678' }, NOW)).toBe('港澳居民来往内地通行证号码应为H或M加8位（旧版10位）数字');
    const newborn: PatientForm = { ...passport, docType: 'birth_certificate', idCardNo: 'O440012345', birthDate: '2026-11-01' };
    expect(formNeedsGuardian(newborn, NOW)).toBe(true);
    expect(fieldRefusal('guardianName', newborn, NOW)).toBe('请填写监护人姓名');
  });

  it('normalises what input methods type: full-width digits, a lower-case x, +86 and spaces', () => {
    const child = id('20200315', '126');
    const fullWidth = child.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).toLowerCase();
    const request = patientAddRequest({ ...adult, idCardNo: fullWidth, phone: '+86 139-1234-5678', guardianName: '王建国', guardianIdCardNo: id('19800101') }, NOW);
    expect(request.idCardNo).toBe(child);
    expect(request.phone).toBe('13912345678');
    expect(request.guardian).toEqual({ name: '王建国', idCardNo: id('19800101') });
  });

  it('counts 14 on the hospital’s calendar: the day before the 14th birthday still needs a guardian', () => {
    const form = { ...adult, idCardNo: id('20121130') };
    expect(fieldRefusal('guardianName', form, Date.parse('2026-11-29T15:59:59Z'))).toBe('请填写监护人姓名'); // 23:59:59 on 11-29 in Shanghai
    expect(fieldRefusal('guardianName', form, Date.parse('2026-11-29T16:00:00Z'))).toBeUndefined(); // 00:00 on 11-30
  });

  it('refuses names the cloud refuses, with its words', () => {
    expect(nameRefusal('')).toBe('请填写姓名');
    expect(nameRefusal('王')).toBe('姓名应为2-30个字');
    expect(nameRefusal('王2')).toBe('姓名只能包含汉字、字母和“·”');
    expect(nameRefusal('·王五')).toBe('姓名只能包含汉字、字母和“·”');
    expect(nameRefusal('阿卜杜·热合曼')).toBeUndefined();
    expect(nameRefusal('John Smith')).toBeUndefined();
    expect(nameRefusal('王', '监护人姓名')).toBe('监护人姓名应为2-30个字');
  });

  it('places each server field under its form field', () => {
    expect(formFieldOf('guardian.idCardNo', true)).toBe('guardianIdCardNo');
    expect(formFieldOf('guardian.name', true)).toBe('guardianName');
    expect(formFieldOf('guardian', true)).toBe('guardianName');
    expect(formFieldOf('guardian', false)).toBe('idCardNo');
    expect(formFieldOf('relation', false)).toBe('relation');
    expect(formFieldOf(undefined, false)).toBeUndefined();
    expect(formFieldOf('patientId', false)).toBeUndefined();
  });

  it('offers exactly the contract’s relations, in its order', () => {
    expect(RELATION_CHOICES).toEqual([...RELATIONS]);
  });

  it('checks card numbers as the cloud does', () => {
    expect(cardNoRefusal('')).toBe('请填写就诊卡号');
    expect(cardNoRefusal('C1')).toBe('就诊卡号应为4-32位字母或数字');
    expect(cardNoRefusal('C20260001')).toBeUndefined();
  });
});

describe('current patient and card tags', () => {
  it('picks the remembered patient, else the default, else the first', () => {
    expect(pickCurrentPatient([ZHANG, XIAOBAO], XIAOBAO.patientId)).toBe(XIAOBAO);
    expect(pickCurrentPatient([XIAOBAO, ZHANG], 'P9999')).toBe(ZHANG);
    expect(pickCurrentPatient([XIAOBAO, LI], null)).toBe(XIAOBAO);
    expect(pickCurrentPatient([], null)).toBeNull();
  });

  it('tags cards 已绑卡 / 未绑卡 / 未实名', () => {
    expect(cardTag(ZHANG.card).text).toBe('已绑卡');
    expect(cardTag(null).text).toBe('未绑卡');
    expect(cardTag({ cardNo: 'C1', state: 'unverified' }).text).toBe('未实名');
  });
});
