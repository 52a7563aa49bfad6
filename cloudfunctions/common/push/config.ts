/**
 * The hospital's choice of subscription templates (ARCHITECTURE §9): per event kind the template id,
 * what each keyword says and the page it opens; per tap (moment) the kinds the patient is asked to
 * consent to. Template ids are per mini program, so production reads `SUBSCRIBE_TEMPLATES` (this
 * JSON) from the environment and refuses to run without it; development uses `templates.json`.
 */
import type { HospitalEventKind } from '../../../typings/events';
import type { SubscribeMoment } from '../../../typings/push';
import { keywordType } from '../../../miniprogram/core/keywords';
import { ConfigError, isDevelopment } from '../config';
import defaults from './templates.json';

export interface KindTemplate {
  /** What the patient reads as the kind in 消息中心 (预约成功 …). */
  title: string;
  templateId: string;
  /** Long-term (长期订阅, open to medical services): one accept allows sends until the patient turns it off. */
  longTerm: boolean;
  /** The page the message opens, `{field}` placeholders filled from the event (and `{patientId}`). */
  page: string;
  /** WeChat keyword key (thing2 …) → text with `{field}` / `{field|yuan}` placeholders. */
  keywords: Record<string, string>;
}

export interface PushConfig {
  kinds: Partial<Record<HospitalEventKind, KindTemplate>>;
  moments: Record<SubscribeMoment, HospitalEventKind[]>;
}

const MOMENTS: readonly SubscribeMoment[] = ['booking', 'pay', 'takeNumber', 'queue', 'patient', 'deposit'];

/** Checks a configuration; throws naming what is wrong (the function then fails loudly, as other configuration does). */
export function checkPushConfig(raw: unknown): PushConfig {
  const c = raw as Partial<PushConfig>;
  if (c === null || typeof c !== 'object' || typeof c.kinds !== 'object' || c.kinds === null || typeof c.moments !== 'object' || c.moments === null) {
    throw new Error('SUBSCRIBE_TEMPLATES must be JSON {kinds, moments}');
  }
  for (const [kind, t] of Object.entries(c.kinds) as [string, KindTemplate][]) {
    if (typeof t?.templateId !== 'string' || t.templateId === '' || typeof t.title !== 'string' || typeof t.page !== 'string' || typeof t.keywords !== 'object') {
      throw new Error(`SUBSCRIBE_TEMPLATES: kind ${kind} needs title, templateId, page and keywords`);
    }
    for (const key of Object.keys(t.keywords)) if (keywordType(key) === undefined) throw new Error(`SUBSCRIBE_TEMPLATES: kind ${kind}: ${key} is not a WeChat keyword (thing1, time2 …)`);
  }
  for (const moment of MOMENTS) {
    const kinds = c.moments[moment];
    if (!Array.isArray(kinds)) throw new Error(`SUBSCRIBE_TEMPLATES: moments.${moment} must list event kinds`);
    for (const k of kinds) if (!(k in c.kinds)) throw new Error(`SUBSCRIBE_TEMPLATES: moments.${moment} names ${String(k)}, which has no template`);
  }
  return { kinds: c.kinds, moments: c.moments as PushConfig['moments'] };
}

export function loadPushConfig(env: NodeJS.ProcessEnv): PushConfig {
  const raw = env.SUBSCRIBE_TEMPLATES;
  if (raw === undefined || raw.trim() === '') {
    // Fails closed like the rest of the configuration: WeChat's cloud sets no NODE_ENV.
    if (!isDevelopment(env)) throw new ConfigError('SUBSCRIBE_TEMPLATES is required (the mini program\'s own template ids; set PALM_DEV=1 only for the local stack)');
    return checkPushConfig(defaults);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error('SUBSCRIBE_TEMPLATES is not valid JSON');
  }
  return checkPushConfig(parsed);
}

/** The kind a template id stands for, if configured. */
export function kindOfTemplate(config: PushConfig, templateId: string): HospitalEventKind | undefined {
  return (Object.entries(config.kinds) as [HospitalEventKind, KindTemplate][]).find(([, t]) => t.templateId === templateId)?.[0];
}

/** Which version of the mini program a message opens (`MINIPROGRAM_STATE`): developer, trial or formal (default). */
export function miniprogramState(env: NodeJS.ProcessEnv): 'developer' | 'trial' | 'formal' {
  const v = env.MINIPROGRAM_STATE?.trim() ?? '';
  if (v === '') return 'formal';
  if (v === 'developer' || v === 'trial' || v === 'formal') return v;
  throw new Error(`MINIPROGRAM_STATE must be developer, trial or formal, got "${v}"`);
}
