/**
 * The few DOM shapes the in-page reads use. The node-side tsconfig has no DOM library (main and
 * the CLI must not see browser globals), so functions that run in the page declare what they
 * touch and reach it through `globalThis`. Types only: nothing here exists at run time.
 */
export interface PageElement {
  tagName: string;
  textContent: string | null;
}

export interface PageStyle {
  fontSize: string;
  outlineStyle: string;
  outlineWidth: string;
}

export interface PageDom {
  document: {
    activeElement: PageElement | null;
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
    documentElement: { scrollWidth: number; clientWidth: number };
  };
  getComputedStyle(element: PageElement): PageStyle;
}
