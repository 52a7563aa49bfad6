/**
 * `privacy.get` and `privacy.consent`: the privacy guide in force and the account's consent to it,
 * kept as the version and time only (`privacyConsents/<OPENID>`). `patient.add` needs it.
 */
import type { PrivacyGetResponse } from '../../../../typings/patient';
import { AppError } from '../../../../miniprogram/core/errors';
import { PRIVACY_GUIDE_SUMMARY, PRIVACY_GUIDE_VERSION } from '../../../../miniprogram/core/privacy';
import type { IdentityStore } from '../../../common/identity/store';
import type { ActionDefinition } from '../action';

export const PRIVACY_MESSAGES = {
  outdated: '隐私保护指引已更新，请重新阅读后同意',
  required: '请先阅读并同意《隐私保护指引》',
} as const;

function view(consentedAt: number | null): PrivacyGetResponse {
  return { version: PRIVACY_GUIDE_VERSION, summary: [...PRIVACY_GUIDE_SUMMARY], consentedAt: consentedAt === null ? null : new Date(consentedAt).toISOString() };
}

/** Throws RULE_VIOLATION (field consent) unless the account consented to the version in force. */
export async function requireConsent(identity: IdentityStore, openid: string): Promise<void> {
  const consent = await identity.consent(openid);
  if (consent?.version !== PRIVACY_GUIDE_VERSION) throw new AppError('RULE_VIOLATION', PRIVACY_MESSAGES.required, 'consent');
}

export const privacyGet: ActionDefinition<'privacy.get', 'account'> = {
  schema: {},
  scope: 'account',
  async handler(ctx) {
    const consent = await ctx.identity.consent(ctx.openid);
    return view(consent?.version === PRIVACY_GUIDE_VERSION ? consent.consentedAt : null);
  },
};

export const privacyConsent: ActionDefinition<'privacy.consent', 'account'> = {
  schema: { version: { type: 'string', label: '隐私保护指引版本', required: true, maxLength: 40 } },
  scope: 'account',
  async handler(ctx, { version }) {
    if (version !== PRIVACY_GUIDE_VERSION) throw new AppError('INVALID_INPUT', PRIVACY_MESSAGES.outdated, 'version');
    const consentedAt = ctx.clock();
    await ctx.identity.saveConsent(ctx.openid, { version, consentedAt });
    ctx.log.info('privacy consent recorded', { version });
    return view(consentedAt);
  },
};
