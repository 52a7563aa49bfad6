/**
 * The timer of pages that ask again while they show (排队叫号, 支付结果): never while hidden, never
 * after leaving, and a late answer after leaving is dropped. Pure bookkeeping on the page's fields.
 */

/** What polling keeps on the page. */
export interface PollingPage {
  pollTimer?: ReturnType<typeof setTimeout>;
  /** Bumped per request and on leaving, so a late answer is dropped. */
  request: number;
  hidden: boolean;
  gone: boolean;
}

/** Cancels the next ask, if one is due. */
export function stopPolling(page: PollingPage): void {
  if (page.pollTimer !== undefined) clearTimeout(page.pollTimer);
  page.pollTimer = undefined;
}

/** Cancels the next ask; true when the page may set another (it shows and was not left). */
export function mayPollAgain(page: PollingPage): boolean {
  stopPolling(page);
  return !page.hidden && !page.gone;
}

/** The page hides: nothing is asked until it shows again. */
export function hidePolling(page: PollingPage): void {
  page.hidden = true;
  stopPolling(page);
}

/** The page shows: true when it had been hidden, so the caller asks again now. */
export function showPolling(page: PollingPage): boolean {
  if (!page.hidden) return false;
  page.hidden = false;
  return true;
}

/** The page is left: answers on their way are dropped and nothing is asked again. */
export function leavePolling(page: PollingPage): void {
  page.gone = true;
  page.request += 1;
  stopPolling(page);
}

/** What `pollingBehavior` asks of the page: ask again now, when it shows after being hidden. */
export interface ResumablePollingPage extends PollingPage {
  resumePolling(): void;
}

/**
 * The plumbing of a page that asks again while it shows: never while hidden (it resumes when shown),
 * never after leaving (answers on their way are dropped). The page sets `pollTimer` and defines
 * `resumePolling()`.
 */
export const pollingBehavior = Behavior({
  lifetimes: {
    attached() {
      const page = this as unknown as PollingPage;
      page.request = 0;
      page.hidden = false;
      page.gone = false;
    },
    detached() {
      leavePolling(this as unknown as PollingPage);
    },
  },
  pageLifetimes: {
    show() {
      const page = this as unknown as ResumablePollingPage;
      if (showPolling(page)) page.resumePolling();
    },
    hide() {
      hidePolling(this as unknown as PollingPage);
    },
  },
  methods: {
    onUnload() {
      leavePolling(this as unknown as PollingPage);
    },
  },
});
