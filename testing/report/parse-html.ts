import { createRequire } from 'node:module';

/** The part of the DOM the report tests read (jsdom ships no type declarations). */
export interface ParsedElement {
  textContent: string | null;
  children: ArrayLike<ParsedElement> & Iterable<ParsedElement>;
  attributes: Iterable<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): ParsedElement | null;
  querySelectorAll(selector: string): ArrayLike<ParsedElement> & Iterable<ParsedElement>;
}

export interface ParsedDocument extends ParsedElement {
  body: ParsedElement;
}

type JsdomModule = { JSDOM: new (html: string) => { window: { document: ParsedDocument } } };

/** Parses HTML the way a browser would, without running scripts or loading anything. */
export function parseHtml(content: string): ParsedDocument {
  const { JSDOM } = createRequire(import.meta.url)('jsdom') as JsdomModule;
  return new JSDOM(content).window.document;
}
