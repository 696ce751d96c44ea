import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collect } from '../testing/fixtures';
import { extractDocument } from './extractor-registry';

const md = `# Guide

Intro text.

## Install

Run the installer.

\`\`\`sh
# this is a shell comment, not a heading

npm i sluice
\`\`\`

### On Linux
Use apt.

## Configure
Edit the file.

Usage
-----
Setext heading body.
`;

describe('Markdown extraction', () => {
  it('gives every block its heading path', async () => {
    const blocks = await collect(extractDocument({ filename: 'guide.md', buffer: Buffer.from(md) }));
    const find = (s: string) => blocks.find((b) => b.text.includes(s));
    assert.deepEqual(find('Intro text')?.headingPath, ['Guide']);
    assert.deepEqual(find('Run the installer')?.headingPath, ['Guide', 'Install']);
    assert.deepEqual(find('Use apt')?.headingPath, ['Guide', 'Install', 'On Linux']);
    assert.deepEqual(find('Edit the file')?.headingPath, ['Guide', 'Configure']);
    assert.deepEqual(find('Setext heading body')?.headingPath, ['Guide', 'Usage']);
  });

  it('treats fenced code as opaque', async () => {
    const blocks = await collect(extractDocument({ filename: 'guide.md', buffer: Buffer.from(md) }));
    const code = blocks.find((b) => b.text.startsWith('```sh'));
    assert.ok(code?.text.includes('# this is a shell comment, not a heading\n\nnpm i sluice'));
    assert.deepEqual(code?.headingPath, ['Guide', 'Install']);
    assert.ok(!blocks.some((b) => b.headingPath?.includes('this is a shell comment, not a heading')));
  });
});
