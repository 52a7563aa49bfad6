/**
 * WeChat's privacy authorization (用户隐私保护指引, `__usePrivacyCheck__` in app.json): when an API or
 * component that needs it is used before the user agreed, WeChat calls the listener registered here
 * and waits; the page showing the privacy popup calls `agreePrivacy` from the tap on its
 * `open-type="agreePrivacyAuthorization"` button (id PRIVACY_AGREE_BUTTON), or `disagreePrivacy`.
 */

/** The id of the agree button: WeChat checks that this button was tapped before it accepts the agreement. */
export const PRIVACY_AGREE_BUTTON = 'privacy-agree';

type Resolve = (result: { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' }) => void;

let pending: Resolve | undefined;
const watchers = new Set<(needed: boolean) => void>();

function tell(needed: boolean): void {
  for (const watch of watchers) watch(needed);
}

/** Registers WeChat's listener once, at launch; older clients without the API simply never ask. */
export function registerPrivacyHandler(): void {
  const api = wx as unknown as { onNeedPrivacyAuthorization?: (listener: (resolve: Resolve) => void) => void };
  if (typeof api.onNeedPrivacyAuthorization !== 'function') return;
  api.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve;
    tell(true);
  });
}

/** Whether WeChat is waiting for the user's answer now. */
export function privacyPending(): boolean {
  return pending !== undefined;
}

/** A page's popup follows this: told true when WeChat asks, false once answered. Answers the unsubscribe. */
export function watchPrivacy(watch: (needed: boolean) => void): () => void {
  watchers.add(watch);
  return () => watchers.delete(watch);
}

/** The popup was shown (WeChat asks to be told, for its statistics). */
export function privacyShown(): void {
  pending?.({ event: 'exposureAuthorization' });
}

/** After the tap on the agree button: the waiting API goes on. */
export function agreePrivacy(): void {
  pending?.({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON });
  pending = undefined;
  tell(false);
}

/** The user declined: the waiting API fails with "privacy permission is not authorized". */
export function disagreePrivacy(): void {
  pending?.({ event: 'disagree' });
  pending = undefined;
  tell(false);
}
