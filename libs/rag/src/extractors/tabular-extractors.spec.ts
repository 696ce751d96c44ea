import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { describe, it } from 'node:test';
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
