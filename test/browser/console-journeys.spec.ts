import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Page } from 'playwright-core';
import { makeDocx, makePdf } from '../../libs/rag/src/testing/fixtures';
import { BrowserHarness, dropFiles, field, scenario, startBrowserHarness } from './support/browser';

// Scenarios 1, 2 and 4 of issue 11, in order, on one platform: an admin builds a chat app, grounds it
// in a knowledge base, and anonymous visitors use its web app.
let h: BrowserHarness;
let page: Page;
let appUrl = '';
let datasetUrl = '';

before(async () => {
  // Small embedding batches and a slow embedder let the progress bars be seen moving.
  h = await startBrowserHarness('journeys', { EMBEDDING_BATCH_SIZE: '2' });
  page = await (await h.context()).newPage();
});
after(async () => {
  await h?.stop();
});

async function waitFor(check: () => Promise<boolean>, what: string, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('1. setup → sign-in → a chat app with a prompt variable and an API key → the preview streams an answer and stops', async (t) => {
  t.after(() => {
    h.platform.model.setReply(null);
    h.platform.model.setLatency({});
  });
  await scenario(h, 'scenario-1', async () => {
    await page.goto('/');
    await page.waitForURL('**/install');
    await field(page, 'Email').fill('admin@example.com');
    await field(page, 'Name').fill('Admin');
    await field(page, 'Password').fill('a-long-password-1');
    await page.getByRole('button', { name: 'Create administrator' }).click();
    await page.waitForURL('**/apps');

    await page.getByRole('button', { name: 'Create app' }).click();
    await field(page, 'Name').fill('Support bot');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/apps\/[0-9a-f-]+\/configuration$/);
    appUrl = new URL(page.url()).pathname.replace(/\/configuration$/, '');

    await page.getByTestId('prompt').fill('You are a helpful assistant for {{name}}. Answer briefly.');
    await page.getByTestId('add-undeclared').click();
    await page.getByTestId('form-editor').getByRole('textbox', { name: 'Variable' }).first().waitFor();
    await page.getByTestId('save-config').click();
    await page.getByText('Configuration saved').waitFor();
    await h.shot(page, '03-app-configuration');

    // Streaming: the answer grows token by token, then shows usage and latency.
    h.platform.model.setLatency({ firstTokenMs: 100, perTokenMs: 120 });
    h.platform.model.setReply((body: { messages: { role: string; content: string }[] }) => {
      const words = `Echo: ${body.messages[body.messages.length - 1].content} I am the support bot of this shop.`.split(' ');
      return { content: words.join(' '), chunks: words.map((w, i) => (i ? ` ${w}` : w)) };
    });
    const preview = page.getByTestId('preview');
    await preview.getByRole('textbox', { name: 'name' }).fill('Alice');
    await preview.getByRole('textbox', { name: 'Message' }).fill('Hello there, who are you?');
    // The page itself records how the answer's text grows (polling over CDP is too coarse on a busy machine).
    await page.evaluate(() => {
      const g = globalThis as any;
      g.__lengths = [];
      new g.MutationObserver(() => {
        const els = g.document.querySelectorAll('[data-testid=preview] [data-testid=answer-text]');
        if (els.length) g.__lengths.push(els[els.length - 1].textContent.length);
      }).observe(g.document.querySelector('[data-testid=preview]'), { subtree: true, childList: true, characterData: true });
    });
    await preview.getByRole('textbox', { name: 'Message' }).press('Enter');
    const answer = preview.getByTestId('assistant-message').last();
    await answer.getByTestId('message-meta').waitFor();
    const lengths = new Set<number>(await page.evaluate(() => (globalThis as any).__lengths as number[]));
    const full = await answer.getByTestId('answer-text').innerText();
    assert.match(full, /Hello there, who are you\? I am the support bot/);
    assert.ok(
      [...lengths].filter((n) => n > 0 && n < full.length).length >= 1,
      `the answer streamed in (lengths seen: ${[...lengths].join(', ')} of ${full.length})`,
    );
    assert.match(await answer.getByTestId('message-meta').innerText(), /\d+ tokens · \d+\.\d\d s/);
    const sent = h.platform.model.requests.filter((r) => r.path === '/chat/completions').pop()?.body as { messages: { content: string }[] };
    assert.match(JSON.stringify(sent.messages), /assistant for Alice/, 'the prompt variable reached the model');

    // Stop: a long answer is cut off and stops growing.
    h.platform.model.setReply(() => ({ content: 'word '.repeat(300) }));
    await preview.getByRole('textbox', { name: 'Message' }).fill('Tell me a very long story');
    await preview.getByTestId('send-button').click();
    const long = preview.getByTestId('assistant-message').last();
    await long.getByTestId('answer-text').waitFor();
    await preview.getByTestId('stop-button').click();
    await long.getByTestId('stopped').waitFor();
    const cut = (await long.getByTestId('answer-text').innerText()).length;
    await page.waitForTimeout(600);
    assert.equal((await long.getByTestId('answer-text').innerText()).length, cut, 'nothing arrives after stop');
    assert.ok(cut < 'word '.repeat(300).trim().length, 'the answer was cut short');
    h.platform.model.setReply(null);
    h.platform.model.setLatency({});
    await h.shot(page, '04-preview-chat');

    // API key: shown once with a copy button, then listed masked.
    await page.getByRole('tab', { name: 'API access' }).click();
    await page.getByTestId('create-key').click();
    const key = (await page.getByTestId('new-key').innerText()).trim();
    assert.match(key, /^app-[A-Za-z0-9]{24}$/);
    await page.getByRole('button', { name: 'Copy', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    const row = await page.getByTestId('keys-table').innerText();
    assert.ok(!row.includes(key), 'the list shows the key masked');
    assert.match(row, new RegExp(`${key.slice(0, 7)}\\.\\.\\.${key.slice(-4)}`));
    const v1 = await fetch(`${h.platform.base}/v1/parameters`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(v1.status, 200, 'the new key works on the Service API');
  });
});

test('2. a knowledge base from a dropped PDF and DOCX: live progress to completed, the retrieval test finds a planted fact, the app cites it', async () => {
  await scenario(h, 'scenario-2', async () => {
    await page.getByRole('link', { name: 'Knowledge' }).click();
    await page.getByRole('button', { name: 'Create knowledge base' }).click();
    await field(page, 'Name').fill('Falcon handbook');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/datasets\/[0-9a-f-]+\/upload$/);
    datasetUrl = new URL(page.url()).pathname.replace(/\/upload$/, '');

    const filler = (p: number) =>
      Array.from({ length: 12 }, (_, i) => `Page ${p} line ${i}: the handbook describes routine procedures for the team in some detail.`);
    const pdf = await makePdf(3, (p) => (p === 2 ? [...filler(p), 'The secret launch code of Project Falcon is ZEBRA-4471.'] : filler(p)));
    const docx = await makeDocx();
    await dropFiles(page, '[data-testid=dropzone]', [
      { name: 'falcon-handbook.pdf', type: 'application/pdf', bytes: pdf },
      { name: 'user-guide.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: docx },
    ]);
    await waitFor(async () => (await page.locator('[data-testid=upload-item][data-state=done]').count()) === 2, 'both uploads');
    await page.getByText('Custom', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Maximum chunk length' }).fill('200');
    await page.getByTestId('preview-chunks').click();
    await page.getByTestId('chunk-preview').waitFor();
    assert.match(await page.getByTestId('chunk-preview').innerText(), /Estimated \d+ chunks/);
    await h.shot(page, '05-upload-preview');

    // Slow enough that a document sits in indexing across at least one of the page's 1 s polls, however fast the machine:
    // at 250 ms a quiet machine took the PDF from waiting to completed between two polls.
    h.platform.model.setLatency({ embeddingMs: 1500 });
    await page.getByTestId('save-process').click();
    await page.getByTestId('batch-progress').waitFor();
    const seen = new Map<string, Set<string>>();
    await waitFor(
      async () => {
        const rows = await page
          .getByTestId('doc-progress')
          .evaluateAll((els) => els.map((e: any) => [e.getAttribute('data-name') ?? '', e.getAttribute('data-stage'), e.getAttribute('data-percent')]));
        for (const [name, stage, pct] of rows) {
          if (!seen.has(name!)) seen.set(name!, new Set());
          seen.get(name!)!.add(`${stage}:${pct}`);
        }
        if (rows.length === 2 && rows.some(([, s]) => s === 'indexing')) await h.shot(page, '06-indexing-progress');
        return rows.length === 2 && rows.every(([, s]) => s === 'completed');
      },
      'both documents completed',
      90_000,
    );
    h.platform.model.setLatency({});
    const pdfStates = [...seen.entries()].find(([n]) => n.includes('falcon'))?.[1] ?? new Set();
    const percents = [...pdfStates].map((s) => Number(s.split(':')[1]));
    assert.ok(
      percents.some((p) => p > 0 && p < 100),
      `the PDF's bar was seen between 0 and 100: ${[...pdfStates].join(', ')}`,
    );
    assert.ok(percents.includes(100));
    await page.getByText('All files are ready').waitFor();

    await page.getByRole('tab', { name: 'Retrieval test' }).click();
    await page.getByRole('textbox', { name: 'Query' }).fill('What is the secret launch code of Project Falcon?');
    await page.getByTestId('run-hit-test').click();
    const top = page.getByTestId('hit-record').first();
    await top.waitFor();
    assert.match(await top.innerText(), /ZEBRA-4471/);
    assert.match(await top.getByTestId('hit-score').innerText(), /score (0\.\d{3}|1\.000)/i);
    await h.shot(page, '07-retrieval-test');

    await page.goto(`${appUrl}/configuration`);
    await page.getByRole('button', { name: 'Knowledge' }).click();
    await page.getByTestId('dataset-picker').click();
    await page.getByRole('option', { name: 'Falcon handbook' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('save-config').click();
    await page.getByText('Configuration saved').waitFor();
    const preview = page.getByTestId('preview');
    await preview.getByRole('textbox', { name: 'name' }).fill('Alice');
    await preview.getByRole('textbox', { name: 'Message' }).fill('What is the secret launch code of Project Falcon?');
    await preview.getByTestId('send-button').click();
    const cited = preview.getByTestId('assistant-message').last().getByTestId('citations');
    await cited.waitFor();
    assert.match(await cited.innerText(), /falcon-handbook\.pdf/);
    assert.match(await cited.innerText(), /ZEBRA-4471/);
    await h.shot(page, '08-preview-citations');
  });
});

test('4. an anonymous visitor chats in the web app on a phone, renames and deletes the conversation; another visitor never sees it', async () => {
  await scenario(h, 'scenario-4', async () => {
    await page.goto(`${appUrl}/api`);
    const href = await page.getByTestId('open-web-app').getAttribute('href');
    assert.match(href ?? '', /^\/chat\/\w+$/);
    const phone = { viewport: { width: 390, height: 844 } };
    const visitor = await (await h.context(phone)).newPage();
    await visitor.goto(href!);
    await visitor.getByTestId('web-title').waitFor();
    await visitor.getByRole('textbox', { name: 'name' }).fill('Bob');
    await visitor.getByRole('textbox', { name: 'Message' }).fill('Hi from a phone');
    await visitor.getByRole('textbox', { name: 'Message' }).press('Enter');
    await visitor.getByTestId('assistant-message').last().getByTestId('message-meta').waitFor();
    assert.match(await visitor.getByTestId('assistant-message').last().innerText(), /Hi from a phone/);
    await h.shot(visitor, '09-web-app-phone');

    await visitor.getByRole('button', { name: 'Conversations' }).click();
    const item = visitor.getByTestId('conversation-item').first();
    await item.waitFor();
    await item.getByRole('button', { name: /^Actions for/ }).click();
    await visitor.getByRole('menuitem', { name: 'Rename' }).click();
    await visitor.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill('Bob private chat');
    await visitor.getByRole('button', { name: 'Save' }).click();
    await visitor.getByTestId('conversation-item').filter({ hasText: 'Bob private chat' }).waitFor();
    await h.shot(visitor, '10-web-app-sidebar');

    const other = await (await h.context(phone)).newPage();
    await other.goto(href!);
    await other.getByTestId('web-title').waitFor();
    await other.getByRole('button', { name: 'Conversations' }).click();
    await other.getByText('No conversations yet.').waitFor();
    assert.equal(await other.getByText('Bob private chat').count(), 0, 'a second visitor does not see the first one’s conversation');

    await item.getByRole('button', { name: /^Actions for/ }).click();
    await visitor.getByRole('menuitem', { name: 'Delete' }).click();
    await visitor.getByText('No conversations yet.').waitFor();
    assert.deepEqual(h.problems, [], 'no CSP violation or page error');
  });
});
