/**
 * `cloud.openapi.subscribeMessage.send` as WeChat answers it, with the consent quotas WeChat keeps:
 * each one-time accept allows one send, a long-term accept allows sends until rejected. Followed:
 * the docs of wx.requestSubscribeMessage (accept / acceptWithAudio / reject / ban / filter) and
 * subscribeMessage.send (errcodes 40037 invalid template_id, 41030 invalid page, 47003 argument
 * invalid naming the keyword, 43101 user refuse to accept the msg; keyword value rules), and
 * developers' reports of the cloud call (it rejects with errCode = WeChat's errcode).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { keywordType, keywordValid } from '../../../miniprogram/core/keywords';
import { Database, MAX_LIMIT } from './database';
import { CloudSDKError, okMsg } from './errors';

/** One template of the mini program's 我的模板: one-time or long-term, its keywords by WeChat's key. */
export interface SubscribeTemplate {
  templateId: string;
  title: string;
  kind: 'one-time' | 'long-term';
  keywords: { key: string; type: string; name: string }[];
}

/** What the patient answered on WeChat's dialog for one template. */
export type SubscribeChoice = 'accept' | 'acceptWithAudio' | 'reject' | 'ban' | 'filter';

/** A message as WeChat received it (errcode 0 = delivered). */
export interface ReceivedMessage {
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  errcode: number;
  sentAt: number;
}

interface Quota {
  _id: string;
  openid: string;
  templateId: string;
  /** One-time sends left (each accept adds one). */
  oneTime: number;
  longTerm: boolean;
}

export interface SubscribeOptions {
  /** The template library file (`{templates: SubscribeTemplate[]}`); default sandbox/cloud/data/templates.json. */
  templatesPath?: string;
  /** The published mini program's app.json, whose pages a message may open; default miniprogram/app.json. */
  appJsonPath?: string;
  clock?: () => number;
}

const QUOTAS = '_subscribe_quotas';
const MESSAGES = '_subscribe_messages';
const DEFAULT_TEMPLATES = join(__dirname, '..', 'data', 'templates.json');
const DEFAULT_APP_JSON = resolve(__dirname, '..', '..', '..', 'miniprogram', 'app.json');

let options: Required<SubscribeOptions> = { templatesPath: DEFAULT_TEMPLATES, appJsonPath: DEFAULT_APP_JSON, clock: Date.now };
/** Transient failures to answer next (WeChat's -1 系统繁忙), for tests of retries. */
let faults: { remaining: number; errcode: number } = { remaining: 0, errcode: -1 };

export function configureSubscribe(opts: SubscribeOptions = {}): void {
  options = { templatesPath: opts.templatesPath ?? DEFAULT_TEMPLATES, appJsonPath: opts.appJsonPath ?? DEFAULT_APP_JSON, clock: opts.clock ?? Date.now };
  faults = { remaining: 0, errcode: -1 };
}

/** The next `count` sends fail with `errcode` (default -1, system busy) before anything is checked. */
export function failNextSends(count: number, errcode = -1): void {
  faults = { remaining: count, errcode };
}

export function templateLibrary(): SubscribeTemplate[] {
  return (JSON.parse(readFileSync(options.templatesPath, 'utf8')) as { templates: SubscribeTemplate[] }).templates;
}

/** Every page path of app.json (main package and subpackages). */
function appPages(): Set<string> {
  const app = JSON.parse(readFileSync(options.appJsonPath, 'utf8')) as { pages?: string[]; subpackages?: { root: string; pages: string[] }[]; subPackages?: { root: string; pages: string[] }[] };
  const pages = new Set(app.pages ?? []);
  for (const sub of app.subpackages ?? app.subPackages ?? []) for (const p of sub.pages) pages.add(`${sub.root.replace(/\/+$/, '')}/${p}`);
  return pages;
}

function db(): Database {
  return new Database({ throwOnNotFound: false });
}

let lockTail: Promise<unknown> = Promise.resolve();
function locked<T>(fn: () => Promise<T>): Promise<T> {
  const run = lockTail.then(fn, fn);
  lockTail = run.catch(() => undefined);
  return run;
}

async function quotaOf(openid: string, templateId: string): Promise<Quota> {
  const _id = `${openid}|${templateId}`;
  const { data } = await db().collection(QUOTAS).doc(_id).get();
  return (data as Quota | null) ?? { _id, openid, templateId, oneTime: 0, longTerm: false };
}

async function saveQuota(q: Quota): Promise<void> {
  const { _id, ...data } = q;
  await db().collection(QUOTAS).doc(_id).set({ data });
}

export type SubscribeOutcome = { ok: true; quotas: { templateId: string; oneTime: number; longTerm: boolean }[] } | { ok: false; field: string; message: string };

/**
 * The patient's taps on WeChat's dialog: accept (or acceptWithAudio) adds one send of a one-time
 * template, or opens a long-term one; reject closes a long-term one; ban and filter change nothing.
 */
export function recordSubscription(openid: string, results: Record<string, string>): Promise<SubscribeOutcome> {
  return locked(async () => {
    const library = new Map(templateLibrary().map((t) => [t.templateId, t]));
    const entries = Object.entries(results);
    if (entries.length === 0 || entries.length > 3) return { ok: false, field: 'results', message: '一次最多订阅3个模板' };
    const kinds = new Set<string>();
    for (const [templateId, choice] of entries) {
      const t = library.get(templateId);
      if (!t) return { ok: false, field: `results.${templateId}`, message: '模板不存在' };
      if (!['accept', 'acceptWithAudio', 'reject', 'ban', 'filter'].includes(choice)) return { ok: false, field: `results.${templateId}`, message: '订阅结果应为 accept、acceptWithAudio、reject、ban 或 filter' };
      kinds.add(t.kind);
    }
    // WeChat's dialog refuses one-time and long-term ids together (20002).
    if (kinds.size > 1) return { ok: false, field: 'results', message: '一次性模板和长期模板不能同时订阅' };
    const quotas = [];
    for (const [templateId, choice] of entries) {
      const t = library.get(templateId) as SubscribeTemplate;
      const q = await quotaOf(openid, templateId);
      const accepted = choice === 'accept' || choice === 'acceptWithAudio';
      if (t.kind === 'one-time' && accepted) q.oneTime += 1;
      if (t.kind === 'long-term' && (accepted || choice === 'reject')) q.longTerm = accepted;
      await saveQuota(q);
      quotas.push({ templateId, oneTime: q.oneTime, longTerm: q.longTerm });
    }
    return { ok: true, quotas };
  });
}

/** What WeChat received for `openid` (every attempt, its errcode), oldest first. */
export async function receivedMessages(openid?: string): Promise<ReceivedMessage[]> {
  const out: ReceivedMessage[] = [];
  for (let skip = 0; ; skip += MAX_LIMIT) {
    const q = openid === undefined ? db().collection(MESSAGES) : db().collection(MESSAGES).where({ openid });
    const { data } = await q.orderBy('sentAt', 'asc').skip(skip).limit(MAX_LIMIT).get();
    out.push(...data.map(({ _id, ...m }) => m as unknown as ReceivedMessage));
    if (data.length < MAX_LIMIT) return out;
  }
}

export interface SendParams {
  touser?: unknown;
  templateId?: unknown;
  page?: unknown;
  data?: unknown;
  miniprogramState?: unknown;
  lang?: unknown;
}

const API = 'openapi.subscribeMessage.send';

function refusal(errcode: number, errmsg: string): CloudSDKError {
  return new CloudSDKError(API, `${errcode} ${errmsg}`, errcode);
}

/** `cloud.openapi.subscribeMessage.send`: `{errCode: 0, errMsg}` when delivered; rejects with WeChat's errcode otherwise. */
export function send(params: SendParams): Promise<{ errCode: 0; errMsg: string }> {
  return locked(async () => {
    const openid = typeof params.touser === 'string' ? params.touser : '';
    const templateId = typeof params.templateId === 'string' ? params.templateId : '';
    const page = typeof params.page === 'string' ? params.page : '';
    const data = params.data !== null && typeof params.data === 'object' ? (params.data as Record<string, { value?: unknown }>) : {};
    const received = async (errcode: number) => {
      const stored: Record<string, { value: string }> = {};
      for (const [k, v] of Object.entries(data)) stored[k] = { value: typeof v?.value === 'string' ? v.value : String(v?.value ?? '') };
      await db().collection(MESSAGES).add({ data: { openid, templateId, page, data: stored, errcode, sentAt: options.clock() } });
    };
    if (faults.remaining > 0) {
      faults.remaining -= 1;
      await received(faults.errcode);
      throw refusal(faults.errcode, 'system error');
    }
    const template = templateLibrary().find((t) => t.templateId === templateId);
    const fail = async (errcode: number, errmsg: string) => {
      await received(errcode);
      return refusal(errcode, errmsg);
    };
    if (!template) throw await fail(40037, 'invalid template_id');
    if (openid === '') throw await fail(40003, 'invalid openid');
    if (page !== '' && !appPages().has(page.split('?')[0] as string)) throw await fail(41030, 'invalid page');
    for (const kw of template.keywords) {
      const value = data[kw.key]?.value;
      if (typeof value !== 'string' || value.trim() === '') throw await fail(47003, `argument invalid! data.${kw.key}.value is empty`);
      const type = keywordType(kw.key);
      if (!type || !keywordValid(type, value)) throw await fail(47003, `argument invalid! data.${kw.key}.value invalid`);
    }
    const q = await quotaOf(openid, templateId);
    if (!(template.kind === 'long-term' && q.longTerm) && !(template.kind === 'one-time' && q.oneTime > 0)) throw await fail(43101, 'user refuse to accept the msg');
    if (template.kind === 'one-time') {
      q.oneTime -= 1;
      await saveQuota(q);
    }
    await received(0);
    return { errCode: 0 as const, errMsg: okMsg(API) };
  });
}

/** The open API namespaces the emulation has: `cloud.openapi.subscribeMessage.send`. */
export const subscribeMessage = { send };
