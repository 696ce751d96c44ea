import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentExtractionError, UnsupportedFileTypeError } from '../rag.errors';
import { collect, extractionError, makeDocx, makeXlsx } from '../testing/fixtures';
import { ExtractorRegistry, extractDocument } from './extractor-registry';

describe('ExtractorRegistry', () => {
  it('rejects unknown types with a typed error', async () => {
    const err = await extractionError(extractDocument({ filename: 'movie.mkv', buffer: Buffer.from([0x1a, 0x45, 0xdf, 0xa3]) }));
    assert.ok(err instanceof UnsupportedFileTypeError);
    assert.equal(err.code, 'unsupported_file_type');
    assert.equal(err.extension, 'mkv');
  });

  it('explains legacy Office and image files', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    const doc = await extractionError(extractDocument({ filename: 'old.doc', buffer: ole }));
    assert.ok(doc instanceof UnsupportedFileTypeError);
    assert.match(doc.message, /save the file as \.docx/);
    const png = await extractionError(extractDocument({ filename: 'shot.txt', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10]) }));
    assert.ok(png instanceof UnsupportedFileTypeError);
    assert.match(png.message, /PNG images are not supported/);
  });

  it('trusts magic bytes over a lying extension', async () => {
    const registry = new ExtractorRegistry();
    assert.equal((await registry.resolve({ filename: 'report.pdf', buffer: await makeDocx() })).kind, 'docx');
    assert.equal((await registry.resolve({ filename: 'data.csv', buffer: await makeXlsx() })).kind, 'xlsx');
    assert.equal((await registry.resolve({ filename: 'noext', mimeType: 'text/markdown', buffer: Buffer.from('# hi') })).kind, 'markdown');
  });

  it('reports a .docx that is not a zip as corrupt', async () => {
    const err = await extractionError(extractDocument({ filename: 'fake.docx', buffer: Buffer.from('just text') }));
    assert.ok(err instanceof DocumentExtractionError);
    assert.equal(err.reason, 'corrupt');
    assert.match(err.message, /not a valid Word file/);
  });

  it('lets callers plug in their own extractor', async () => {
    const registry = new ExtractorRegistry().register('text', {
      extensions: ['txt'],
      async *extract() {
        yield { text: 'custom' };
      },
    });
    assert.deepEqual(await collect(registry.extract({ filename: 'a.txt', buffer: Buffer.from('x') })), [{ text: 'custom' }]);
  });
});
