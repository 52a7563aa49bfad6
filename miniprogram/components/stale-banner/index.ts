/**
 * The banner of a page whose reference data came from the front machine's last good copy (the
 * hospital system not answering): the data stays on screen, the banner says it may be old. A page
 * adds `<stale-banner since="{{staleSince}}" />` and sets `staleSince` from the answer ('' when fresh).
 */
import { formatHospital } from '../../core/time';
import { STALE_MESSAGE } from '../../view-models/stale';

Component({
  properties: {
    /** The answer's `staleSince` (ISO instant), '' for a fresh answer (no banner). */
    since: { type: String, value: '' },
  },
  data: { text: '' },
  observers: {
    since(since: string) {
      const at = Date.parse(since);
      this.setData({ text: since === '' ? '' : Number.isNaN(at) ? STALE_MESSAGE : `${STALE_MESSAGE}（${formatHospital(at, 'M月D日 HH:mm')}更新）` });
    },
  },
});
