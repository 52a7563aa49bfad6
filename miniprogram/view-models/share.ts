/** 转发 (sharing a page in a chat): what `onShareAppMessage` answers, the title the chat shows and the page it opens. */

export interface ShareMessage {
  title: string;
  path: string;
}

export function shareMessage(title: string, path: string): ShareMessage {
  return { title, path };
}
