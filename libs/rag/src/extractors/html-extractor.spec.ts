import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collect } from '../testing/fixtures';
import { extractDocument } from './extractor-registry';

const page = `<!doctype html><html><head><title>Ignored</title><style>.x{color:red}</style>
<script>var secret = "do not index";</script></head>
<body><nav>Home</nav><h1>Handbook</h1><p>Hello <b>bold</b>&nbsp;world &amp; friends.</p>
<div style="display:none">hidden text</div><noscript>enable js</noscript>
<h2>Setup</h2><ul><li>first step</li><li>second step</li></ul>
<table><tr><th>Key</th><th>Value</th></tr><tr><td>a</td><td>1</td></tr></table>
<pre>  indented
    code</pre></body></html>`;

describe('HTML extraction', () => {
  it('keeps visible text and headings, drops scripts, styles and hidden elements', async () => {
    const blocks = await collect(extractDocument({ filename: 'page.html', buffer: Buffer.from(page) }));
    const text = blocks.map((b) => b.text).join('\n');
    assert.doesNotMatch(text, /secret|color:red|hidden text|enable js|Ignored/);
    assert.match(text, /Hello bold world & friends\./);
    assert.deepEqual(blocks.find((b) => b.text === '- second step')?.headingPath, ['Handbook', 'Setup']);
    assert.equal(blocks.find((b) => b.kind === 'table')?.text, '| Key | Value |\n| --- | --- |\n| a | 1 |');
    assert.match(text, / {2}indented\n {4}code/);
  });
});
