/**
 * Page-test helpers: a fake `api` function behind the stubbed `wx.request` (the local-mode
 * transport), realistic hospital data, and loading pages with real Vant rendering.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ActionName, ActionRequest, ApiResult } from '../../typings/api';
import type { DepartmentGroup, Doctor, DoctorSummary, HospitalInfo, Schedule } from '../../typings/hospital';
import type { BoundPatient } from '../../typings/patient';
import { maskName, maskPhone } from '../../miniprogram/core/mask';
import { maskDocument } from '../../miniprogram/core/documents';
import { PRIVACY_GUIDE_SUMMARY, PRIVACY_GUIDE_VERSION } from '../../miniprogram/core/privacy';
import { NEUTRAL_REFUSAL } from '../../miniprogram/core/verification';

/** The part of j-component / miniprogram-simulate the tests use (typed here: their own typings pull a second, older miniprogram-api-typings into the program). */
export interface RenderedComponent {
  /** The rendered DOM (jsdom); typed minimally, the root tsconfig has no DOM lib. */
  dom: { textContent: string | null; querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> } | undefined;
  data: Record<string, unknown>;
  instance: Record<string, unknown>;
  attach(parent: unknown): void;
  detach(): void;
  querySelector(selector: string): RenderedComponent | undefined;
  querySelectorAll(selector: string): RenderedComponent[];
  dispatchEvent(eventName: string, options?: { detail?: unknown }): void;
  setData(data: Record<string, unknown>): void;
  /** Fires a page lifetime (`show`, `hide`) through the tree, as the runtime does when the page shows or hides. */
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
}

interface Simulate {
  load(componentPath: string, options: { rootPath: string; usingComponents: Record<string, string>; compiler: 'official' }): string;
  render(id: string): RenderedComponent;
  sleep(ms: number): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as Simulate;

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../miniprogram');

// ---- realistic data (a children's hospital, as the sandbox seeds it) ----

export const HOSPITAL: HospitalInfo = {
  name: '青禾市儿童医院',
  level: '三级甲等',
  address: '青禾市文昌区育英路88号',
  phone: '0000-86120000',
  intro: '青禾市儿童医院始建于1953年，是一所三级甲等儿童专科医院。\n医院秉承“一切为了孩子”的宗旨，推行预约诊疗。',
  hours: '门诊：周一至周日 上午08:00–12:00，下午14:00–17:30',
  traffic: '地铁：2号线育英路站C出口，步行约300米。',
  bookingRules: { payAtBooking: false, maxActiveAppointments: 3, holdMinutes: 10 },
};

export const GROUPS: DepartmentGroup[] = [
  {
    deptId: '0100',
    name: '儿内科',
    intro: '儿内科是医院规模最大的临床科室群。',
    children: [
      { deptId: '0101', name: '呼吸科', parentId: '0100', intro: '儿童呼吸科为省级临床重点专科。', location: '门诊楼3楼A区' },
      { deptId: '0102', name: '消化科', parentId: '0100', intro: '消化科诊治儿童消化系统疾病。', location: '门诊楼3楼B区' },
    ],
  },
  {
    deptId: '0200',
    name: '儿外科',
    intro: '儿外科开展小儿普外、骨科手术。',
    children: [{ deptId: '0201', name: '小儿普外科', parentId: '0200', intro: '诊治疝气、阑尾炎。', location: '外科门诊楼2楼A区' }],
  },
  { deptId: '0600', name: '皮肤科', intro: '诊治儿童湿疹、荨麻疹。', children: [] },
];

export const RESPIRATORY = GROUPS[0]!.children[0]!;

export const DOCTORS: DoctorSummary[] = [
  { doctorId: 'D0101', name: '王建国', title: '主任医师', deptId: '0101', deptName: '呼吸科', specialty: '儿童哮喘、慢性咳嗽', fee: 5000 },
  { doctorId: 'D0102', name: '李秀英', title: '主治医师', deptId: '0101', deptName: '呼吸科', specialty: '支气管肺炎', fee: 2000 },
  { doctorId: 'D0103', name: '陈晓红', title: '副主任医师', deptId: '0102', deptName: '消化科', specialty: '小儿腹泻、功能性便秘', fee: 3500 },
  { doctorId: 'D0201', name: '赵志强', title: '主任医师', deptId: '0201', deptName: '小儿普外科', specialty: '腹股沟疝、阑尾炎', fee: 5000 },
  { doctorId: 'D0601', name: '孙丽', title: '主治医师', deptId: '0600', deptName: '皮肤科', specialty: '湿疹、荨麻疹', fee: 2000 },
];

export const WANG: Doctor = { ...DOCTORS[0]!, gender: 'M', intro: '从事儿童呼吸疾病诊治30年，擅长儿童哮喘规范化管理。' };

/** 2026-11-30 is a Monday; seven dates from it. */
export const DATES = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];

/** A session of `doctor` as the hospital lists it: the period's usual hours, 12 of 20 numbers left, open. */
export function doctorSession(doctor: DoctorSummary, partial: Partial<Schedule> & Pick<Schedule, 'scheduleId' | 'date' | 'period'>): Schedule {
  return {
    doctorId: doctor.doctorId,
    doctorName: doctor.name,
    title: doctor.title,
    deptId: doctor.deptId,
    deptName: doctor.deptName,
    startTime: partial.period === 'AM' ? '08:00' : '14:00',
    endTime: partial.period === 'AM' ? '12:00' : '17:30',
    fee: doctor.fee,
    totalSlots: 20,
    remaining: 12,
    status: 'open',
    ...partial,
  };
}

function session(partial: Partial<Schedule> & Pick<Schedule, 'scheduleId' | 'doctorId' | 'date' | 'period'>): Schedule {
  return doctorSession(DOCTORS.find((d) => d.doctorId === partial.doctorId)!, partial);
}

export const RESPIRATORY_SCHEDULES: Schedule[] = [
  session({ scheduleId: 'S1', doctorId: 'D0101', date: '2026-11-30', period: 'AM', remaining: 12 }),
  session({ scheduleId: 'S2', doctorId: 'D0102', date: '2026-11-30', period: 'PM', remaining: 0, status: 'full' }),
  session({ scheduleId: 'S3', doctorId: 'D0101', date: '2026-12-01', period: 'PM', remaining: 20, status: 'stopped' }),
  session({ scheduleId: 'S4', doctorId: 'D0102', date: '2026-12-02', period: 'AM', remaining: 3 }),
];

// ---- the fake `api` function behind wx.request ----

type Handler<A extends ActionName> = (data: ActionRequest<A>) => ApiResult<A>;
export type Handlers = { [A in ActionName]?: Handler<A> };

/** One call the page made, as the api function received it. */
export interface RecordedCall {
  action: ActionName;
  data: unknown;
  url: string;
  header: Record<string, string>;
}

export const realisticHandlers: Handlers = {
  'hospital.info': () => ({ ok: true, data: HOSPITAL }),
  'dept.list': () => ({ ok: true, data: { groups: GROUPS } }),
  'doctor.list': ({ deptId }) => {
    // No department: every doctor (找医生).
    if (deptId === undefined) return { ok: true, data: { department: null, doctors: DOCTORS } };
    const group = GROUPS.find((g) => g.deptId === deptId);
    const deptIds = group ? [group.deptId, ...group.children.map((c) => c.deptId)] : [deptId];
    const department = GROUPS.flatMap((g) => g.children).find((c) => c.deptId === deptId) ?? (group && { deptId: group.deptId, name: group.name, parentId: null, intro: group.intro, location: '门诊楼2楼' });
    if (!department) return { ok: false, code: 'NOT_FOUND', message: '未找到该科室' };
    return { ok: true, data: { department, doctors: DOCTORS.filter((d) => deptIds.includes(d.deptId)) } };
  },
  'doctor.get': ({ doctorId }) => (doctorId === WANG.doctorId ? { ok: true, data: WANG } : { ok: false, code: 'NOT_FOUND', message: '未找到该医生' }),
  'schedule.list': ({ deptId, doctorId }) => ({
    ok: true,
    data: { dates: DATES, schedules: RESPIRATORY_SCHEDULES.filter((s) => (deptId ? s.deptId === deptId : s.doctorId === doctorId)) },
  }),
  // A new account: no patients yet (fakeAccount() serves one with patients).
  'patient.list': () => ({ ok: true, data: { patients: [], limit: 5 } }),
};

interface RequestOptions {
  url: string;
  data: { action: ActionName; data: unknown };
  header: Record<string, string>;
  success?: (response: { statusCode: number; data: unknown }) => void;
  fail?: (error: { errMsg: string }) => void;
}

/** Answers local-mode calls with `handlers`; returns the calls as the api function saw them. */
export function serveApi(handlers: Handlers = realisticHandlers): RecordedCall[] {
  const calls: RecordedCall[] = [];
  (wx.request as unknown as jest.Mock).mockImplementation((options: RequestOptions) => {
    const { action, data } = options.data;
    calls.push({ action, data, url: options.url, header: options.header });
    const handler = handlers[action] as ((d: unknown) => ApiResult) | undefined;
    const result: ApiResult = handler ? handler(data) : { ok: false, code: 'NOT_FOUND', message: '未知操作' };
    // The host answers asynchronously, like a real network.
    setTimeout(() => options.success?.({ statusCode: result.ok ? 200 : 400, data: result }), 0);
    return { abort: () => undefined };
  });
  return calls;
}

/** Every local-mode call fails at the transport (no network). */
export function failNetwork(): void {
  (wx.request as unknown as jest.Mock).mockImplementation((options: RequestOptions) => {
    setTimeout(() => options.fail?.({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' }), 0);
  });
}

export function resetWx(): void {
  jest.clearAllMocks();
  wx.clearStorageSync();
}

// ---- pages with real Vant ----

/** Maps each `van-*` a component tree uses to its miniprogram_npm path (docs/architecture.md#toolchain). */
function vantComponents(componentPath: string, seen = new Set<string>(), out: Record<string, string> = {}): Record<string, string> {
  if (seen.has(componentPath)) return out;
  seen.add(componentPath);
  const json = JSON.parse(readFileSync(`${componentPath}.json`, 'utf8')) as { usingComponents?: Record<string, string> };
  for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
    if (target.startsWith('@vant/weapp/')) out[tag] = `/miniprogram_npm/${target}`;
    else if (target.startsWith('/')) vantComponents(path.join(MINIPROGRAM_ROOT, target), seen, out);
  }
  return out;
}

export type PageComponent = RenderedComponent;

/** Loads a page (path under miniprogram/, e.g. `pages/home/index`), attaches it and calls its onLoad(query) if it has one. */
export function openPage(pagePath: string, query: Record<string, string> = {}): PageComponent {
  const componentPath = path.join(MINIPROGRAM_ROOT, pagePath);
  // The simulator registers a component by running its file; jest caches modules, so forget them first.
  jest.resetModules();
  const id = simulate.load(componentPath, { rootPath: MINIPROGRAM_ROOT, usingComponents: vantComponents(componentPath), compiler: 'official' });
  const page = simulate.render(id);
  const { document } = globalThis as unknown as { document: { createElement(tag: string): unknown } };
  page.attach(document.createElement('parent-wrapper'));
  // A page without onLoad (all its set-up in lifetimes) is fine: the runtime calls it only if present.
  const onLoad = page.instance.onLoad as ((q: Record<string, string>) => void) | undefined;
  if (typeof onLoad === 'function') onLoad.call(page.instance, query);
  return page;
}

/**
 * Lets pending answers and renders settle: waits until `check` holds, for a bounded number of
 * turns (Vant defers some renders to a 33 ms requestAnimationFrame stand-in, hence the short sleeps).
 */
export async function until(check: () => boolean, turns = 300): Promise<void> {
  for (let i = 0; i < turns; i += 1) {
    if (check()) return;
    await simulate.sleep(i < 5 ? 0 : 10);
  }
  throw new Error('condition not reached');
}

/** Waits until the page shows `text`; fails with what it shows instead. */
export async function untilText(page: PageComponent, text: string): Promise<void> {
  await until(() => textOf(page).includes(text)).catch(() => {
    throw new Error(`page never showed “${text}”; it shows: ${textOf(page)}`);
  });
}

/** What the patient reads: the page's text with whitespace collapsed. */
export function textOf(page: PageComponent): string {
  return (page.dom?.textContent ?? '').replace(/\s+/g, ' ');
}

/** The rendered state of the page (`loading`, `ready`, …). */
export function stateOf(page: PageComponent): string {
  return (page.data as { state?: string }).state ?? '';
}

/** Taps through a chain of class selectors, e.g. tap(page, '.state-view', '.retry', '.van-button'). */
export function tap(root: PageComponent, ...selectors: string[]): void {
  find(root, ...selectors).dispatchEvent('tap');
}

/** Follows a chain of class selectors into nested components; throws when a link is missing. */
export function find(root: PageComponent, ...selectors: string[]): PageComponent {
  let node = root;
  for (const selector of selectors) {
    const next = node.querySelector(selector);
    if (!next) throw new Error(`nothing matches ${selectors.join(' > ')} at ${selector}`);
    node = next;
  }
  return node;
}

/** Typed access to a wx API the setup replaced with a jest mock. */
export function mocked(fn: unknown): jest.Mock {
  return fn as jest.Mock;
}

// ---- patients (issue 3): an account the fake api keeps, as the cloud would ----

export const ZHANG: BoundPatient = {
  patientId: 'P1001',
  name: '张*明',
  idCardNo: '110***********002X',
  phone: '138****1234',
  relation: '本人',
  sex: 'M',
  isDefault: true,
  card: { cardNo: 'C20260001', state: 'verified' },
  hasGuardian: false,
};

export const XIAOBAO: BoundPatient = {
  patientId: 'P1002',
  name: '张*宝',
  idCardNo: '110***********0017',
  phone: '138****1234',
  relation: '子女',
  sex: 'M',
  isDefault: false,
  card: null,
  hasGuardian: true,
};

export const LI: BoundPatient = {
  patientId: 'P1003',
  name: '李*',
  idCardNo: '320***********3026',
  phone: '139****5678',
  relation: '配偶',
  sex: 'F',
  isDefault: false,
  card: null,
  hasGuardian: false,
};

/** The card number the fake hospital knows but has not verified (real name). */
export const UNVERIFIED_CARD = 'C20269999';
export const UNVERIFIED_CARD_MESSAGE = '该就诊卡尚未实名认证，请携带身份证到医院自助机或窗口完成实名认证后再绑定';

/** The code the fake hospital texts; any other is refused with the neutral message. */
export const FAKE_SMS_CODE = '246810';

/** One account's patients behind the fake api: list, sendCode, add, remove, setDefault, card.bind, qrcode, privacy. */
export interface FakeAccount {
  patients: BoundPatient[];
  /** ISO instant of the account's privacy consent, or null. */
  consentedAt: string | null;
  /** Challenges sent, newest last. */
  challenges: string[];
  limit: number;
  /** How many codes `patient.qrcode` has issued. */
  issued: number;
  /** How long an issued code lasts, ms. */
  qrLifetimeMs: number;
  handlers: Handlers;
}

export function fakeAccount(initial: BoundPatient[] = [ZHANG, XIAOBAO]): FakeAccount {
  const account: FakeAccount = { patients: initial.map((p) => ({ ...p })), consentedAt: initial.length > 0 ? '2026-11-01T01:00:00.000Z' : null, challenges: [], limit: 5, issued: 0, qrLifetimeMs: 5 * 60_000, handlers: {} };
  const privacy = () => ({ ok: true as const, data: { version: PRIVACY_GUIDE_VERSION, summary: [...PRIVACY_GUIDE_SUMMARY], consentedAt: account.consentedAt } });
  const list = () => ({
    ok: true as const,
    data: { patients: [...account.patients.filter((p) => p.isDefault), ...account.patients.filter((p) => !p.isDefault)].map((p) => ({ ...p })), limit: account.limit },
  });
  const notFound = { ok: false as const, code: 'NOT_FOUND' as const, message: '未找到该就诊人', field: 'patientId' };
  account.handlers = {
    ...realisticHandlers,
    'patient.list': () => list(),
    'privacy.get': () => privacy(),
    'privacy.consent': ({ version }) => {
      if (version !== PRIVACY_GUIDE_VERSION) return { ok: false, code: 'INVALID_INPUT', message: '隐私保护指引已更新，请重新阅读后同意', field: 'version' };
      account.consentedAt = new Date().toISOString();
      return privacy();
    },
    'patient.sendCode': (request) => {
      const challengeId = `VC${account.challenges.length + 1}`;
      account.challenges.push(challengeId);
      return { ok: true, data: { challengeId, sentTo: maskPhone(request.phone), expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(), resendAfter: new Date(Date.now() + 60_000).toISOString() } };
    },
    'patient.add': (request) => {
      if (account.consentedAt === null) return { ok: false, code: 'RULE_VIOLATION', message: '请先阅读并同意《隐私保护指引》', field: 'consent' };
      if (request.challengeId !== account.challenges[account.challenges.length - 1] || request.smsCode !== FAKE_SMS_CODE) {
        return { ok: false, code: 'RULE_VIOLATION', message: NEUTRAL_REFUSAL };
      }
      if (account.patients.length >= account.limit) return { ok: false, code: 'LIMIT_REACHED', message: `每个账号最多绑定${account.limit}位就诊人` };
      const patient: BoundPatient = {
        patientId: `P${2000 + account.patients.length + 1}`,
        name: maskName(request.name),
        idCardNo: maskDocument(request.docType ?? 'id_card', request.idCardNo),
        phone: maskPhone(request.phone),
        relation: request.relation,
        sex: request.sex ?? (Number(request.idCardNo.charAt(16)) % 2 === 1 ? 'M' : 'F'),
        isDefault: account.patients.length === 0,
        card: null,
        hasGuardian: request.guardian !== undefined,
      };
      account.patients.push(patient);
      return { ok: true, data: { patientId: patient.patientId, patient: { ...patient } } };
    },
    'patient.remove': ({ patientId }) => {
      const gone = account.patients.find((p) => p.patientId === patientId);
      if (!gone) return notFound;
      account.patients = account.patients.filter((p) => p !== gone);
      const first = account.patients[0];
      if (gone.isDefault && first) first.isDefault = true;
      return list();
    },
    'patient.setDefault': ({ patientId }) => {
      if (!account.patients.some((p) => p.patientId === patientId)) return notFound;
      for (const p of account.patients) p.isDefault = p.patientId === patientId;
      return list();
    },
    'card.bind': ({ patientId, cardNo }) => {
      const patient = account.patients.find((p) => p.patientId === patientId);
      if (!patient) return notFound;
      if (cardNo === UNVERIFIED_CARD) return { ok: false, code: 'RULE_VIOLATION', message: UNVERIFIED_CARD_MESSAGE, field: 'cardNo' };
      patient.card = { cardNo, state: 'verified' };
      return { ok: true, data: { ...patient } };
    },
    'patient.qrcode': ({ patientId }) => {
      if (!account.patients.some((p) => p.patientId === patientId)) return notFound;
      account.issued += 1;
      return { ok: true, data: { code: `PHQR1.${patientId}.${account.issued}.c2lnbmF0dXJlLW9mLXRoZS1jb2Rl`, expiresAt: new Date(Date.now() + account.qrLifetimeMs).toISOString() } };
    },
  };
  return account;
}

/** Types into a van-field as the patient does: through its inner input (Vant emits `change`). */
export function typeInto(root: PageComponent, fieldSelector: string, value: string): void {
  find(root, fieldSelector, '.input-class').dispatchEvent('input', { detail: { value } });
}

/** Leaves a van-field (Vant emits `blur`). */
export function blur(root: PageComponent, fieldSelector: string): void {
  const input = find(root, fieldSelector, '.input-class');
  input.dispatchEvent('blur', { detail: { value: '' } });
}
