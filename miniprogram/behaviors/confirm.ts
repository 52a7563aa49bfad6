/**
 * The confirm-dialog flow of list pages (取消预约, 退号): ask about one row, keep it, or go ahead once.
 * The page's data has `confirmShown`, `confirmMessage` and `actionError`; `pending` is the row asked about.
 */

/** What the flow touches on the page. */
export interface ConfirmingPage {
  /** The row the open confirmation is about ('' when none). */
  pending: string;
  /** An action in flight: a confirmation then does nothing. */
  busy: boolean;
  setData(data: Record<string, unknown>): void;
}

/** The confirm dialog's data and its 再想想 (`onKeep`) for a page with row actions; the page calls `askToConfirm` and `takeConfirmed`. */
export const confirmBehavior = Behavior({
  data: { confirmShown: false, confirmMessage: '', actionError: '' },
  lifetimes: {
    attached() {
      const page = this as unknown as ConfirmingPage;
      page.pending = '';
      page.busy = false;
    },
  },
  methods: {
    onKeep() {
      dismissConfirm(this as unknown as ConfirmingPage);
    },
  },
});

/** Opens the confirmation for `rowId`, clearing the last refusal. */
export function askToConfirm(page: ConfirmingPage, rowId: string, question: string): void {
  page.pending = rowId;
  page.setData({ confirmShown: true, confirmMessage: question, actionError: '' });
}

/** Closes the confirmation without acting. */
export function dismissConfirm(page: ConfirmingPage): void {
  page.pending = '';
  page.setData({ confirmShown: false });
}

/** Closes the confirmation and answers the row to act on, or '' when none was asked or another action is in flight. */
export function takeConfirmed(page: ConfirmingPage): string {
  const rowId = page.pending;
  dismissConfirm(page);
  return rowId === '' || page.busy ? '' : rowId;
}
