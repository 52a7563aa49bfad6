/**
 * WXSS as Chromium reads it: rpx to px at a 375 px wide screen, the app's page-level styles scoped
 * as the simulator scopes a page (`page` → its root, `.x` → `.main--x`), no network fonts, and the
 * default styles of WeChat's built-in elements.
 */

/** 750 rpx span the screen: at 375 px, 1 rpx = 0.5 px. */
export function rpxToPx(css: string, screenWidth = 375): string {
  return css.replace(/(-?\d*\.?\d+)rpx/g, (_, n: string) => `${+(Number(n) * (screenWidth / 750)).toFixed(3)}px`);
}

/** Drops every @font-face and url() that would reach the network (Vant's icon font points at a CDN). */
export function withoutNetwork(css: string): string {
  return css.replace(/@font-face\s*\{[^}]*\}/g, '').replace(/url\(\s*['"]?(https?:)?\/\/[^)]*\)/g, 'none');
}

/** The simulator's page-scoped CSS, ready for Chromium. */
export function pageStyles(css: string): string {
  return rpxToPx(withoutNetwork(css));
}

/** app.wxss applies to pages: in the simulator's DOM the page root is `<main>` and its classes are `main--*`. */
export function appStyles(wxss: string): string {
  const withoutComments = wxss.replace(/\/\*[\s\S]*?\*\//g, '');
  const scoped = withoutComments.replace(/([^{}]+)\{/g, (_, selector: string) => {
    const rewritten = selector
      .split(',')
      .map((part) => part.trim().replace(/(^|\s)page(?=$|[\s.:,[])/g, '$1main').replace(/\.([A-Za-z_][\w-]*)/g, '.main--$1'))
      .join(', ');
    return `${rewritten} {`;
  });
  return rpxToPx(withoutNetwork(scoped));
}

/** What WeChat's built-in elements look like before any page style (the simulator renders them as wx-*). */
export const BASE_STYLES = `
html, body { margin: 0; padding: 0; }
body { width: 375px; min-height: 667px; background: #f7f8fa; font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", sans-serif; font-size: 16px; line-height: 1.4; -webkit-font-smoothing: antialiased; }
main { display: block; min-height: 667px; }
wx-view, wx-scroll-view, wx-swiper, wx-swiper-item, wx-form, wx-cover-view, wx-movable-area, wx-rich-text, wx-picker-view { display: block; }
wx-scroll-view { overflow: auto; }
/* WeChat's scroll-view is as wide as its container, also as a flex item (Vant's tab nav: tabs share the width). */
wx-scroll-view { width: 100%; }
wx-text, wx-label, wx-navigator { display: inline; }
wx-image { display: inline-block; overflow: hidden; width: 320px; height: 240px; }
wx-canvas { display: inline-block; width: 300px; height: 150px; background: repeating-linear-gradient(45deg, #eee 0 6px, #fff 6px 12px); }
wx-input { display: block; min-height: 1.4em; line-height: 1.4em; overflow: hidden; text-overflow: clip; white-space: nowrap; }
wx-input[value]:not([value=""])::before { content: attr(value); }
wx-input:not([value]):not([password])::before, wx-input[value=""]::before { content: attr(placeholder); color: #c8c9cc; }
wx-textarea { display: block; width: 300px; height: 150px; }
wx-textarea:empty::before { content: attr(placeholder); color: #c8c9cc; }
wx-textarea[value]:not([value=""])::before { content: attr(value); color: inherit; }
wx-button { display: block; }
wx-switch, wx-checkbox, wx-radio, wx-slider, wx-progress, wx-icon { display: inline-block; }
wx-block { display: contents; }
`;
