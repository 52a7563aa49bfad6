/** 消息中心: the caller's messages and the badge on 我的. */
import type { ApiResult } from '../../typings/api';
import { callCloud } from './cloud';

/** Index of 我的 in app.json's tabBar. */
export const ME_TAB_INDEX = 2;

export function loadMessages(): Promise<ApiResult<'message.list'>> {
  return callCloud('message.list', {});
}

export function markMessagesRead(): Promise<ApiResult<'message.read'>> {
  return callCloud('message.read', {});
}

/** Shows the unread count on 我的 (nothing when 0 or when it cannot be read). */
export function showUnreadBadge(unread: number): void {
  if (typeof wx.setTabBarBadge !== 'function') return;
  // Off a tab page WeChat refuses the badge; the next visit to 我的 sets it.
  const ignore = () => undefined;
  if (unread > 0) wx.setTabBarBadge({ index: ME_TAB_INDEX, text: unread > 99 ? '99+' : String(unread), fail: ignore });
  else wx.removeTabBarBadge({ index: ME_TAB_INDEX, fail: ignore });
}
