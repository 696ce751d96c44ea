import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { collect } from '../testing/fixtures';
import { extractDocument } from './extractor-registry';
import { detectEncoding } from './text-decoding';

const chinese = '知识库会把文档切分成片段。每个片段都会被向量化，以便检索。\n\n第二段：中文内容必须完整还原。';

async function textOf(buffer: Buffer, filename = 'doc.txt'): Promise<string> {
  return (await collect(extractDocument({ filename, buffer }))).map((b) => b.text).join('\n\n');
}

describe('text extraction and encodings', () => {
  it('round-trips Chinese in UTF-8 with and without a BOM', async () => {
    assert.equal(await textOf(Buffer.from(chinese)), chinese);
    assert.equal(await textOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(chinese)])), chinese);
  });

  it('round-trips Chinese in UTF-16 LE and BE (BOM)', async () => {
    assert.equal(await textOf(iconv.encode(chinese, 'utf16le', { addBOM: true })), chinese);
    assert.equal(await textOf(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(chinese, 'utf16be')])), chinese);
  });

  it('round-trips Chinese in GBK and GB18030', async () => {
    assert.equal(await textOf(iconv.encode(chinese, 'gbk')), chinese);
    assert.equal(await textOf(iconv.encode(`${chinese} 𠀀`, 'gb18030')), `${chinese} 𠀀`);
    assert.equal(await textOf(iconv.encode('中文', 'gbk')), '中文');
  });

  it('detects the encoding of a large file from its first chunk while streaming from disk', async () => {
    const big = Array.from({ length: 4000 }, (_, i) => `第${i}段：${chinese.slice(0, 30)}`).join('\n\n');
    const file = join(mkdtempSync(join(tmpdir(), 'rag-txt-')), 'big.txt');
    writeFileSync(file, iconv.encode(big, 'gbk'));
    const blocks = await collect(extractDocument({ filename: 'big.txt', path: file }));
    assert.equal(blocks.length, 4000);
    assert.equal(blocks.map((b) => b.text).join('\n\n'), big);
  });

  it('normalises CRLF line endings', async () => {
    assert.equal(await textOf(Buffer.from('one\r\ntwo\r\n\r\nthree')), 'one\ntwo\n\nthree');
  });

  it('names the encodings it detects', () => {
    assert.equal(detectEncoding(Buffer.from('plain ascii')), 'utf8');
    assert.equal(detectEncoding(iconv.encode(chinese, 'gbk')), 'gb18030');
    assert.equal(detectEncoding(iconv.encode('hello world', 'utf16le')), 'utf16le');
  });
});
