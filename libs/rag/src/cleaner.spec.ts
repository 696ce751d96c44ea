import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cleanText, cleaningRulesFrom } from './cleaner';

describe('cleanText', () => {
  it('always rewrites <| |> and strips control characters and U+FFFE, keeping \\n and \\t', () => {
    assert.equal(cleanText('<|im_start|>a\u0000b\u0007c\td\ne\uFFFEf\u007F'), '<im_start>a' + 'bc\td\nef');
  });

  it("keeps accented letters that Dify's byte pattern would strip", () => {
    assert.equal(cleanText('naïve ¿qué? ¾'), 'naïve ¿qué? ¾');
  });

  it('drops lone surrogates but keeps emoji', () => {
    assert.equal(cleanText('ok \uD83D\uDE00 bad\uD800!'), 'ok \uD83D\uDE00 bad!');
  });

  it('remove_extra_spaces collapses blank lines and runs of spaces/tabs', () => {
    const rules = { removeExtraSpaces: true };
    assert.equal(cleanText('a\n\n\n\nb', rules), 'a\n\nb');
    assert.equal(cleanText('a  \t  b\tc', rules), 'a b\tc');
    assert.equal(cleanText('a\r\n\r\n\r\n\r\nb', rules), 'a\n\nb');
    assert.equal(cleanText('a\n \n\t\n\nb', rules), 'a\n\nb');
    assert.equal(cleanText('a\n\n\nb'), 'a\n\n\nb', 'off by default');
  });

  it('remove_urls_emails drops URLs and e-mails but keeps Markdown images', () => {
    const rules = { removeUrlsEmails: true };
    assert.equal(cleanText('Mail bob@example.com or see https://example.com/x?y=1 now', rules), 'Mail  or see  now');
    assert.equal(cleanText('![diagram](https://cdn.example.com/a.png) here', rules), '![diagram](https://cdn.example.com/a.png) here');
    assert.equal(cleanText('Read [the docs](https://docs.example.com) first', rules), 'Read the docs first');
    assert.equal(cleanText('visit www.example.org.', rules), 'visit ');
  });

  it('reads Dify pre_processing_rules', () => {
    assert.deepEqual(
      cleaningRulesFrom([
        { id: 'remove_extra_spaces', enabled: true },
        { id: 'remove_urls_emails', enabled: false },
      ]),
      { removeExtraSpaces: true, removeUrlsEmails: false },
    );
  });
});
