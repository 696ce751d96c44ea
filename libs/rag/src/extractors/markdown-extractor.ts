import type { BlockSource, ExtractInput, ExtractedBlock, Extractor } from '../types';
import { decodedChunks } from './text-decoding';

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

async function* lines(input: ExtractInput): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of decodedChunks(input)) {
    const parts = (rest + chunk).split(/\r?\n/);
    rest = parts.pop() ?? '';
    yield* parts;
  }
  if (rest) yield rest;
}

/**
 * Structure-aware Markdown reading (Dify issue #15043 & co.: separator splitting ignored headings).
 * Every block carries the heading path it sits under, so the splitter never merges text across
 * sections and each chunk can say where it came from. Fenced code is opaque: a "# comment" inside
 * ``` is not a heading, and blank lines inside a fence do not break the block.
 */
export class MarkdownExtractor implements Extractor {
  readonly extensions = ['md', 'markdown', 'mdx', 'mdown', 'mkd'] as const;

  async *extract(input: ExtractInput): BlockSource {
    const headings: { level: number; text: string }[] = [];
    let para: string[] = [];
    let fence: string | undefined;
    let lineNo = 0;
    let frontMatter = false;
    const path = () => headings.map((h) => h.text);
    const block = (text: string, kind: ExtractedBlock['kind']): ExtractedBlock => {
      const headingPath = path();
      return headingPath.length ? { text, kind, headingPath } : { text, kind };
    };
    const flush = function* (): Generator<ExtractedBlock> {
      const text = para.join('\n').replace(/^\s*\n|\s+$/g, '');
      para = [];
      if (text.trim()) yield block(text, 'paragraph');
    };
    const heading = (level: number, text: string) => {
      while (headings.length && headings[headings.length - 1].level >= level) headings.pop();
      headings.push({ level, text });
    };

    for await (const line of lines(input)) {
      lineNo++;
      if (lineNo === 1 && /^---\s*$/.test(line)) {
        frontMatter = true;
        para.push(line);
        continue;
      }
      if (frontMatter) {
        para.push(line);
        if (/^(---|\.\.\.)\s*$/.test(line)) {
          frontMatter = false;
          yield* flush();
        }
        continue;
      }
      if (fence) {
        para.push(line);
        const close = FENCE.exec(line);
        if (close && close[1][0] === fence[0] && close[1].length >= fence.length && !line.trim().slice(close[1].length).trim()) fence = undefined;
        continue;
      }
      const open = FENCE.exec(line);
      if (open) {
        fence = open[1];
        para.push(line);
        continue;
      }
      const atx = ATX.exec(line);
      if (atx && (atx[2] ?? '').trim()) {
        yield* flush();
        heading(atx[1].length, atx[2].trim());
        yield block(line.trim(), 'heading');
        continue;
      }
      const setext = SETEXT.exec(line);
      const prev = para[para.length - 1];
      if (setext && prev?.trim() && !/^\s*([-*+]|\d+[.)]|\||>)/.test(prev)) {
        para.pop();
        yield* flush();
        heading(setext[1][0] === '=' ? 1 : 2, prev.trim());
        yield block(`${prev}\n${line}`, 'heading');
        continue;
      }
      if (!line.trim()) {
        yield* flush();
        continue;
      }
      para.push(line);
    }
    yield* flush();
  }
}
