import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentExtractionError } from '../rag.errors';
import { collect, extractionError, makeDocx } from '../testing/fixtures';
import { extractDocument } from './extractor-registry';

describe('DOCX extraction', () => {
  it('keeps paragraphs in order under their heading path', async () => {
    const blocks = await collect(extractDocument({ filename: 'guide.docx', buffer: await makeDocx() }));
    const run = blocks.find((b) => b.text.startsWith('Run the installer'));
    assert.deepEqual(run?.headingPath, ['User Guide', 'Installation']);
    const faq = blocks.find((b) => b.text === 'Ask us anything.');
    assert.deepEqual(faq?.headingPath, ['FAQ']);
    const order = blocks.map((b) => b.text.slice(0, 12));
    assert.ok(order.indexOf('Welcome to t') < order.indexOf('Run the inst'));
  });

  it('turns tables into Markdown tables, escaping pipes', async () => {
    const blocks = await collect(extractDocument({ filename: 'guide.docx', buffer: await makeDocx() }));
    const table = blocks.find((b) => b.kind === 'table');
    assert.equal(table?.text, ['| OS | Command |', '| --- | --- |', '| Linux | apt install x |', '| Windows | winget install x\\|y |'].join('\n'));
    assert.deepEqual(table?.headingPath, ['User Guide', 'Installation']);
  });

  it('reports a damaged .docx as corrupt', async () => {
    const docx = await makeDocx();
    const err = await extractionError(extractDocument({ filename: 'bad.docx', buffer: docx.subarray(0, docx.length / 2) }));
    assert.ok(err instanceof DocumentExtractionError);
    assert.match(err.message, /Word document is corrupt|not a valid Word file/);
  });
});
