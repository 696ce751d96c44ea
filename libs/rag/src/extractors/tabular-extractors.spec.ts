import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { collect, makeXlsx } from '../testing/fixtures';
import { extractDocument } from './extractor-registry';

describe('CSV extraction', () => {
  it('turns each row into "header: value" text, honouring quotes and newlines inside quotes', async () => {
    const csv = 'name,notes,city\r\n"Smith, John","line one\nline two with ""quotes""",Paris\r\nDoe,,Berlin\r\n\r\n';
    const blocks = await collect(extractDocument({ filename: 'people.csv', buffer: Buffer.from(csv) }));
    assert.deepEqual(
      blocks.map((b) => b.text),
      ['name: Smith, John; notes: line one\nline two with "quotes"; city: Paris', 'name: Doe; city: Berlin'],
    );
    assert.ok(blocks.every((b) => b.kind === 'row'));
  });

  it('detects semicolon-separated files and GBK encoding', async () => {
    const csv = iconv.encode('姓名;城市\n张三;北京\n李四;上海\n', 'gbk');
    const blocks = await collect(extractDocument({ filename: 'people.csv', buffer: csv }));
    assert.deepEqual(
      blocks.map((b) => b.text),
      ['姓名: 张三; 城市: 北京', '姓名: 李四; 城市: 上海'],
    );
  });

  it('reads a UTF-8 BOM, tab- and pipe-separated files, old Mac line endings and ragged rows', async () => {
    const texts = async (filename: string, csv: string | Buffer) =>
      (await collect(extractDocument({ filename, buffer: Buffer.isBuffer(csv) ? csv : Buffer.from(csv) }))).map((b) => b.text);
    assert.deepEqual(await texts('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,name\n1,"a\r\nb"\n')])), ['id: 1; name: a\r\nb']);
    assert.deepEqual(await texts('sheet.tsv', 'q\ta\n"x, y"\t"say ""hi"""\n'), ['q: x, y; a: say "hi"']);
    assert.deepEqual(await texts('pipes.csv', 'k|v\rone|1\rtwo|2'), ['k: one; v: 1', 'k: two; v: 2']);
    assert.deepEqual(await texts('ragged.csv', 'a,b\n1\n2,3,4\nsaid "no" twice,5\n'), ['a: 1', 'a: 2; b: 3; column 3: 4', 'a: said "no" twice; b: 5']);
  });

  it('streams a file from disk in pieces, rows spanning the pieces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-csv-'));
    try {
      const path = join(dir, 'big.csv');
      const rows = Array.from({ length: 5_000 }, (_, i) => `${i};"note ${i}\nsecond line; with ""quotes"""`);
      writeFileSync(path, `n;note\n${rows.join('\n')}\n`);
      const blocks = await collect(extractDocument({ filename: 'big.csv', path }));
      assert.equal(blocks.length, 5_000);
      assert.equal(blocks[4_321].text, 'n: 4321; note: note 4321\nsecond line; with "quotes"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('XLSX extraction', () => {
  it('streams every sheet row-wise with the sheet name as heading path', async () => {
    const blocks = await collect(extractDocument({ filename: 'book.xlsx', buffer: await makeXlsx() }));
    assert.deepEqual(
      blocks.map((b) => [b.headingPath?.[0], b.text]),
      [
        ['People', 'Name: Alice; City: 北京; Joined: 2024-01-02'],
        ['People', 'Name: Bob; City: San Francisco'],
        ['People', 'Name: Carol; City: Alice!'],
        ['Prices', 'Item: Tea; Price: 3.5'],
      ],
    );
  });
});
