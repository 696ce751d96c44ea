import { toFixed } from './numbers';
import { escapeHtml, pyStr } from './py';
import { WS, pyStrip } from './str-methods';
import { Undefined, type Value, chars, own, utf8 } from './values';

const text = (v: Value): string => pyStr(v);

/** Text-shaping filters' helpers: truncate, wordwrap, urlencode, urlize, striptags, filesizeformat. */
export function truncate(s: string, len: number, killwords: boolean, end: string, leeway: number): string {
  const cs = chars(s);
  if (cs.length <= len + leeway) return s;
  const cut = cs.slice(0, len - chars(end).length).join('');
  if (killwords) return cut + end;
  const space = cut.lastIndexOf(' ');
  return (space < 0 ? cut : cut.slice(0, space)) + end;
}

/** textwrap.wrap as |wordwrap calls it: greedy lines, whitespace dropped at breaks, long words cut. */
export function wrapLine(line: string, width: number, breakLong: boolean, hyphens: boolean): string[] {
  const len = (c: string) => chars(c).length;
  const blank = (c: string) => !pyStrip(c);
  const chunks = line
    .split(new RegExp(`([${WS}]+)`))
    .flatMap((c) => (hyphens && !blank(c) ? c.split(/(?<=\p{L}-)(?=\p{L})/u) : [c]))
    .filter(Boolean)
    .reverse();
  const lines: string[] = [];
  while (chunks.length) {
    const cur: string[] = [];
    let curLen = 0;
    if (lines.length && blank(chunks[chunks.length - 1])) chunks.pop();
    while (chunks.length && curLen + len(chunks[chunks.length - 1]) <= width) {
      const c = chunks.pop()!;
      cur.push(c);
      curLen += len(c);
    }
    if (chunks.length && len(chunks[chunks.length - 1]) > width) {
      const chunk = chunks[chunks.length - 1];
      if (breakLong) {
        const room = Math.max(width - curLen, 1);
        let end = room;
        const hyphen = hyphens ? chars(chunk).slice(0, room).lastIndexOf('-') : -1;
        if (
          hyphen > 0 &&
          chars(chunk)
            .slice(0, hyphen)
            .some((c) => c !== '-')
        )
          end = hyphen + 1;
        cur.push(chars(chunk).slice(0, end).join(''));
        chunks[chunks.length - 1] = chars(chunk).slice(end).join('');
      } else if (!cur.length) cur.push(chunks.pop()!);
    }
    if (cur.length && blank(cur[cur.length - 1])) cur.pop();
    if (cur.length) lines.push(cur.join(''));
  }
  return lines;
}

export function urlQuote(v: Value, forQs: boolean): string {
  const bytes = utf8(text(v));
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9_.\-~]/.test(c) || (!forQs && c === '/') ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return forQs ? out.replace(/%20/g, '+') : out;
}

const HTTP =
  /^((https?:\/\/|www\.)(([\w%-]+\.)+)?([a-z]{2,63}|xn--[\w%]{2,59})|([\w%-]{2,63}\.)+(com|net|int|edu|gov|org|info|mil)|(https?:\/\/)((\d{1,3})(\.\d{1,3}){3}|\[([\da-f]{0,4}:){2}([\da-f]{0,4}:?){1,6}\]))(?::\d{1,5})?(?:[/?#]\S*)?$/i;
const EMAIL = /^\S+@\w[\w.-]*\.\w+$/;

export function urlize(value: string, limit: number | null, nofollow: boolean, target: Value, rel: Value): string {
  const rels = new Set([...(rel === null ? '' : text(rel)).split(/\s+/), ...(nofollow ? ['nofollow'] : []), 'noopener'].filter(Boolean));
  const relAttr = rels.size ? ` rel="${escapeHtml([...rels].sort().join(' '))}"` : '';
  const targetAttr = target !== null && !(target instanceof Undefined) ? ` target="${escapeHtml(text(target))}"` : '';
  const shown = (u: string) => (limit !== null && chars(u).length > limit ? `${chars(u).slice(0, limit).join('')}...` : u);
  return escapeHtml(value)
    .split(/(\s+)/)
    .map((word) => {
      let middle = word;
      const head = /^(?:[(<]|&lt;)+/.exec(middle)?.[0] ?? '';
      middle = middle.slice(head.length);
      const tail = /(?:[)>.,\n]|&gt;)+$/.exec(middle)?.[0] ?? '';
      middle = middle.slice(0, middle.length - tail.length);
      if (HTTP.test(middle)) {
        const href = /^https?:\/\//.test(middle) ? middle : `https://${middle}`;
        middle = `<a href="${href}"${relAttr}${targetAttr}>${shown(middle)}</a>`;
      } else if (middle.startsWith('mailto:') && EMAIL.test(middle.slice(7))) middle = `<a href="${middle}">${middle.slice(7)}</a>`;
      else if (middle.includes('@') && !middle.startsWith('www.') && !middle.includes(':') && EMAIL.test(middle))
        middle = `<a href="mailto:${middle}">${middle}</a>`;
      return head + middle + tail;
    })
    .join('');
}

export function striptags(s: string): string {
  const stripped = s.replace(/<!--.*?-->/gs, '').replace(/<.*?>/gs, '');
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\xa0' };
  return stripped
    .split(new RegExp(`[${WS}]+`))
    .filter(Boolean)
    .join(' ')
    .replace(/&(#x[\da-f]+|#\d+|\w+);/gi, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (own(entities, e.toLowerCase()) ?? m),
    );
}

export function filesize(bytes: number, binary: boolean): string {
  const base = binary ? 1024 : 1000;
  const prefixes = binary ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
  let unit = 1;
  for (let i = 0; i < prefixes.length; i++) {
    unit = base ** (i + 2);
    if (bytes < unit || i === prefixes.length - 1) return `${toFixed((base * bytes) / unit, 1)} ${prefixes[i]}`;
  }
  return '';
}
