import { HTMLElement, Node, NodeType, TextNode, parse } from 'node-html-parser';
import type { ExtractedBlock } from '../types';

/** Never visible to a reader, so never worth indexing. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'meta', 'link', 'svg', 'canvas', 'iframe', 'object', 'select', 'button']);
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hr',
  'html',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'section',
  'summary',
  'ul',
]);

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function isHidden(el: HTMLElement): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return !!style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function cellText(cell: HTMLElement): string {
  return collapse(cell.text).trim().replace(/\|/g, '\\|');
}

/** GitHub-flavoured Markdown table; the first row becomes the header, as Dify's docx extractor does. */
export function tableToMarkdown(table: HTMLElement): string {
  const rows = table
    .querySelectorAll('tr')
    .filter((tr) => tr.closest('table') === table)
    .map((tr) => tr.childNodes.filter((c): c is HTMLElement => c instanceof HTMLElement && (c.tagName === 'TD' || c.tagName === 'TH')).map(cellText));
  const nonEmpty = rows.filter((r) => r.some((c) => c));
  if (!nonEmpty.length) return '';
  const width = Math.max(...nonEmpty.map((r) => r.length));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const [head, ...body] = nonEmpty;
  return [line(head), line(Array(width).fill('---')), ...body.map(line)].join('\n');
}

/**
 * Walks a DOM in reading order: inline text is gathered into paragraphs, block elements end them,
 * headings maintain the heading path, tables become Markdown, lists become "- " lines.
 */
class HtmlBlockWalker {
  readonly blocks: ExtractedBlock[] = [];
  private headings: { level: number; text: string }[] = [];
  private inline = '';
  private listDepth = 0;

  walk(node: Node): void {
    if (node.nodeType === NodeType.TEXT_NODE) {
      this.inline += collapse((node as TextNode).text);
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = node.tagName?.toLowerCase() ?? '';
    if (SKIP.has(tag) || isHidden(node)) return;
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) return this.heading(Number(heading[1]), collapse(node.text).trim());
    if (tag === 'table') {
      this.flush();
      const md = tableToMarkdown(node);
      if (md) this.push(md, 'table');
      return;
    }
    if (tag === 'br') {
      this.inline += '\n';
      return;
    }
    if (tag === 'pre') {
      this.flush();
      this.push(node.text.replace(/^\n+|\s+$/g, ''), 'paragraph');
      return;
    }
    if (tag === 'ul' || tag === 'ol') this.listDepth++;
    const block = BLOCK.has(tag);
    if (block) this.flush();
    if (tag === 'li') this.inline = `${'  '.repeat(Math.max(0, this.listDepth - 1))}- `;
    for (const child of node.childNodes) this.walk(child);
    if (block) this.flush();
    if (tag === 'ul' || tag === 'ol') this.listDepth--;
  }

  flush(): void {
    const text = this.inline
      .split('\n')
      .map((l) => l.replace(/[ \t]+$/, ''))
      .join('\n')
      .replace(/^\s*\n|\s+$/g, '');
    this.inline = '';
    if (text.trim() && text.trim() !== '-') this.push(text, 'paragraph');
  }

  private heading(level: number, text: string): void {
    this.flush();
    if (!text) return;
    while (this.headings.length && this.headings[this.headings.length - 1].level >= level) this.headings.pop();
    this.headings.push({ level, text });
    this.push(text, 'heading');
  }

  private push(text: string, kind: ExtractedBlock['kind']): void {
    const headingPath = this.headings.map((h) => h.text);
    this.blocks.push(headingPath.length ? { text, kind, headingPath } : { text, kind });
  }
}

export function htmlToBlocks(html: string): ExtractedBlock[] {
  const root = parse(html, { comment: false, blockTextElements: { script: true, noscript: true, style: true, pre: true } });
  const walker = new HtmlBlockWalker();
  walker.walk(root);
  walker.flush();
  return walker.blocks;
}
