/**
 * What the patient answered on WeChat's dialog, counted by the cloud (`consents/<openid>`): each
 * one-time accept (acceptWithAudio too) allows one send, a long-term accept allows sends until
 * rejected. WeChat keeps the real quotas; a send it refuses with 43101 resets ours.
 */
import type { HospitalEventKind } from '../../../typings/events';
import type { ConsentDoc, SubscribeRecordResponse, SubscribeResult } from '../../../typings/push';
import { AppError } from '../../../miniprogram/core/errors';
import { kindOfTemplate, type PushConfig } from './config';
import { body, CONSENTS, readConsent, type PushDatabase } from './store';

/** Applies one dialog's results to the account's consents; unknown template ids are refused (INVALID_INPUT, naming the id). */
export async function recordConsents(db: PushDatabase, config: PushConfig, openid: string, results: Record<string, SubscribeResult>, now: number): Promise<SubscribeRecordResponse> {
  const known = Object.keys(results).map((templateId) => {
    const kind = kindOfTemplate(config, templateId);
    if (!kind) throw new AppError('INVALID_INPUT', '订阅的消息模板不存在', `results.${templateId}`);
    return { templateId, kind, longTerm: config.kinds[kind]?.longTerm === true };
  });
  if (known.length === 0) throw new AppError('INVALID_INPUT', '请提供订阅结果', 'results');
  if (new Set(known.map((k) => k.longTerm)).size > 1) throw new AppError('INVALID_INPUT', '一次性订阅和长期订阅不能同时提交', 'results');
  return db.runTransaction(async (tx) => {
    const doc: ConsentDoc = await readConsent(tx, openid);
    const consents: SubscribeRecordResponse['consents'] = [];
    for (const { templateId, kind, longTerm } of known) {
      const result = results[templateId] as SubscribeResult;
      const accepted = result === 'accept' || result === 'acceptWithAudio';
      const current = doc.templates[templateId] ?? { oneTime: 0, longTerm: false, updatedAt: now };
      const next = {
        oneTime: !longTerm && accepted ? current.oneTime + 1 : current.oneTime,
        // A long-term reject (or ban) turns sends off; filter (a duplicate title) changes nothing.
        longTerm: longTerm ? (accepted ? true : result === 'filter' ? current.longTerm : false) : false,
        updatedAt: now,
      };
      doc.templates[templateId] = next;
      consents.push({ templateId, kind: kind as HospitalEventKind, oneTime: next.oneTime, longTerm: next.longTerm });
    }
    doc.updatedAt = now;
    await tx.collection(CONSENTS).doc(openid).set({ data: body(doc) });
    return { consents };
  });
}
