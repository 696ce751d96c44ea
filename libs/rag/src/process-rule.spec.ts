import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUTOMATIC_RULES, CHUNK_SIZE_UNIT, parseProcessRule, validateProcessRule } from './process-rule';
import { ProcessRuleValidationError } from './rag.errors';

describe('process_rule validation', () => {
  it('fills automatic mode with Dify defaults (500 characters, overlap 50)', () => {
    const rule = parseProcessRule({ mode: 'automatic' });
    assert.deepEqual(rule.rules, AUTOMATIC_RULES);
    assert.equal(rule.rules.segmentation.max_tokens, 500);
    assert.equal(CHUNK_SIZE_UNIT, 'characters');
  });

  it("unescapes the separator the way Dify's UI sends it", () => {
    const rule = parseProcessRule({ mode: 'custom', rules: { segmentation: { separator: '\\n\\n', max_tokens: 800 } } });
    assert.equal(rule.rules.segmentation.separator, '\n\n');
    assert.equal(rule.rules.segmentation.chunk_overlap, 0);
    assert.equal(parseProcessRule({ mode: 'custom', rules: { segmentation: { max_tokens: 800 } } }).rules.segmentation.separator, '\n');
  });

  it('names the field and the limit when max_tokens is out of range', () => {
    const result = validateProcessRule({ mode: 'custom', rules: { segmentation: { separator: '\n', max_tokens: 10 } } });
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.field, 'process_rule.rules.segmentation.max_tokens');
    assert.equal(result.message, 'process_rule.rules.segmentation.max_tokens must be between 50 and 4000 (characters)');
  });

  it('rejects overlap that is not smaller than the chunk size', () => {
    assert.throws(
      () => parseProcessRule({ mode: 'custom', rules: { segmentation: { max_tokens: 100, chunk_overlap: 100 } } }),
      (err: ProcessRuleValidationError) => err.field === 'process_rule.rules.segmentation.chunk_overlap' && /smaller than max_tokens \(100\)/.test(err.message),
    );
  });

  it('explains bad modes, missing segmentation and wrong types', () => {
    assert.throws(() => parseProcessRule({ mode: 'magic' }), /process_rule.mode must be one of automatic, custom, hierarchical/);
    assert.throws(() => parseProcessRule({ mode: 'custom', rules: {} }), /process_rule.rules.segmentation is required when mode is "custom"/);
    assert.throws(() => parseProcessRule({ mode: 'custom', rules: { segmentation: { max_tokens: '500' } } }), /max_tokens must be a number/);
    assert.throws(() => parseProcessRule({ mode: 'custom', rules: { segmentation: {} } }), /process_rule.rules.segmentation.max_tokens is required/);
    assert.throws(() => parseProcessRule(undefined), /process_rule is required/);
    assert.throws(
      () => parseProcessRule({ mode: 'custom', rules: { pre_processing_rules: [{ id: 'nope', enabled: true }], segmentation: { max_tokens: 500 } } }),
      /process_rule.rules.pre_processing_rules.0.id must be "remove_extra_spaces" or "remove_urls_emails"/,
    );
  });

  it('defaults hierarchical to paragraph parents and line children', () => {
    const rule = parseProcessRule({ mode: 'hierarchical', rules: { subchunk_segmentation: { separator: '\\n', max_tokens: 100 } } });
    assert.equal(rule.rules.parent_mode, 'paragraph');
    assert.deepEqual(rule.rules.segmentation, { separator: '\n\n', max_tokens: 500, chunk_overlap: 0 });
    assert.deepEqual(rule.rules.subchunk_segmentation, { separator: '\n', max_tokens: 100, chunk_overlap: 0 });
  });
});
