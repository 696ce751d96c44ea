import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Locator, Page } from 'playwright-core';
import { BrowserHarness, apiCall, field, scenario, setupAdmin, signIn, startBrowserHarness } from './support/browser';

// Scenario 3 of issue 11: a workflow built in the graph editor, run, published, logged, exported and imported.
let h: BrowserHarness;
let page: Page;

before(async () => {
  h = await startBrowserHarness('workflow');
  await setupAdmin(h.platform.base);
  page = await (await h.context({ viewport: { width: 1600, height: 1000 } })).newPage();
  await signIn(page);
});
after(async () => {
  await h?.stop();
});

const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (id: string, kind: 'source' | 'target', handleId?: string) =>
  page.locator(`.react-flow__node[data-id="${id}"] .react-flow__handle.${kind}${handleId ? `[data-handleid="${handleId}"]` : ''}`);

/** Drags from one handle to another with the mouse, as a person connects two nodes. */
async function connect(from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

async function addNode(type: string): Promise<string> {
  const before = new Set(await page.locator('.react-flow__node').evaluateAll((els) => els.map((e: any) => e.getAttribute('data-id'))));
  await page.getByTestId(`palette-${type}`).click();
  let id = '';
  for (let i = 0; i < 50 && !id; i++) {
    const now: string[] = await page.locator('.react-flow__node').evaluateAll((els) => els.map((e: any) => e.getAttribute('data-id')));
    id = now.find((x) => !before.has(x)) ?? '';
    if (!id) await page.waitForTimeout(100);
  }
  assert.ok(id, `a ${type} node appeared`);
  await page.waitForTimeout(150);
  return id;
}

async function pick(panel: Locator, label: string, option: string | RegExp) {
  await panel.getByLabel(label, { exact: true }).last().click();
  await page.getByRole('option', { name: option }).first().click();
}

async function runDraft(inputs: Record<string, string>) {
  await page.getByTestId('run-draft').click();
  const drawer = page.getByRole('dialog');
  for (const [k, v] of Object.entries(inputs)) await drawer.getByRole('textbox', { name: k }).fill(v);
  await drawer.getByTestId('start-run').click();
  await drawer.getByTestId('run-result').waitFor({ timeout: 30_000 });
  const status = await drawer.getByTestId('run-result').innerText();
  return { drawer, status };
}

test('3. start → LLM → end built by hand runs green; an if-else branch routes it; publish, logs, DSL export and import', async () => {
  await scenario(h, 'scenario-3', async () => {
    await page.getByRole('button', { name: 'Create app' }).click();
    await field(page, 'Name').fill('Topic writer');
    await page.getByRole('dialog').getByLabel('Type', { exact: true }).click();
    await page.getByRole('option', { name: 'Workflow' }).click();
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/apps\/[0-9a-f-]+\/workflow$/);
    const appPath = new URL(page.url()).pathname.replace(/\/workflow$/, '');
    await node('start').waitFor();

    // Start gets an input variable.
    await node('start').click();
    const panel = page.getByTestId('node-panel');
    await panel.getByRole('button', { name: 'Add variable' }).click();
    await panel.getByRole('textbox', { name: 'Variable' }).fill('topic');

    const llm = await addNode('llm');
    await page.getByTestId('prompt-system').fill('Write one sentence about {{#start.topic#}}.');
    const end = await addNode('end');
    await panel.getByRole('button', { name: 'Close' }).click();

    await connect(handle('start', 'source'), handle(llm, 'target'));
    await connect(handle(llm, 'source'), handle(end, 'target'));
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.react-flow__edge').length === 2);
    // Variable pickers offer what is upstream once the edges exist.
    await node(end).click();
    await panel.getByRole('button', { name: 'Add output' }).click();
    await pick(panel, 'Value', /LLM\.text/);
    await page.getByTestId('save-draft').click();
    await page.getByText('Draft saved').waitFor();

    let run = await runDraft({ topic: 'cats' });
    assert.match(run.status, /succeeded/i);
    await page.keyboard.press('Escape');
    for (const id of ['start', llm, end]) assert.equal(await node(id).getByTestId('node-status').textContent(), 'Succeeded', `node ${id} succeeded`);
    await h.shot(page, '11-workflow-run');

    // The server's validation error lands on the node it names: an output read from a node that does not exist.
    await node(end).click();
    await panel.getByRole('button', { name: 'JSON' }).click();
    const json = JSON.parse(await panel.getByTestId('node-json').inputValue());
    const good = json.outputs[0].value_selector;
    json.outputs[0].value_selector = ['ghost', 'text'];
    await panel.getByTestId('node-json').fill(JSON.stringify(json));
    await page.getByTestId('save-draft').click();
    await page.getByTestId('save-error').waitFor();
    assert.match(await node(end).getByTestId('node-error').innerText(), /ghost/);
    json.outputs[0].value_selector = good;
    await panel.getByTestId('node-json').fill(JSON.stringify(json));
    await panel.getByRole('button', { name: 'Close' }).click();

    // An if-else branch: start → IF/ELSE; IF → LLM → End, ELSE → a second End.
    await page.locator(`.react-flow__edge[data-id$="-${llm}-target"]`).click({ force: true });
    await page.keyboard.press('Delete');
    await node('start').click();
    const ifelse = await addNode('if-else');
    const end2 = await addNode('end');
    await panel.getByRole('button', { name: 'Close' }).click();
    await connect(handle('start', 'source'), handle(ifelse, 'target'));
    await connect(handle(ifelse, 'source', 'true'), handle(llm, 'target'));
    await connect(handle(ifelse, 'source', 'false'), handle(end2, 'target'));
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.react-flow__edge').length === 4);
    await node(end2).click();
    await panel.getByRole('button', { name: 'Add output' }).click();
    await pick(panel, 'Value', /Start\.topic/);
    await node(ifelse).click();
    await panel.getByRole('button', { name: 'Add condition' }).click();
    await pick(panel, 'Variable', /Start\.topic/);
    await panel.getByRole('textbox', { name: 'Value' }).fill('cat');
    await page.getByTestId('save-draft').click();
    await page.getByText('Draft saved').last().waitFor();

    run = await runDraft({ topic: 'cats and dogs' });
    assert.match(run.status, /succeeded/i);
    await page.keyboard.press('Escape');
    for (const id of ['start', ifelse, llm, end]) assert.equal(await node(id).getByTestId('node-status').textContent(), 'Succeeded', `node ${id} succeeded`);
    assert.equal(await node(end2).getByTestId('node-status').count(), 0, 'the ELSE branch did not run');
    await h.shot(page, '12-workflow-branch');

    await page.getByTestId('publish').click();
    await page.getByText('Published').waitFor();
    await page.getByRole('button', { name: 'Versions' }).click();
    await page.getByTestId('versions').waitFor();
    await page.keyboard.press('Escape');

    // A run of the published app through the Service API (with a key made on the API access tab) appears
    // in the logs, node by node.
    await page.getByRole('tab', { name: 'API access' }).click();
    const href = (await page.getByTestId('open-web-app').getAttribute('href'))!;
    assert.match(href, /^\/workflow\//);
    await page.getByTestId('create-key').click();
    const key = (await page.getByTestId('new-key').innerText()).trim();
    await page.getByRole('button', { name: 'Done' }).click();
    const run3 = await apiCall(h.platform.base, 'POST', '/v1/workflows/run', {
      headers: { authorization: `Bearer ${key}` },
      body: { inputs: { topic: 'a cat' }, response_mode: 'blocking', user: 'visitor-1' },
    });
    assert.equal(run3.status, 200, JSON.stringify(run3.body));
    assert.equal(run3.body.data.status, 'succeeded');
    await page.getByRole('tab', { name: 'Logs' }).click();
    await page.getByTestId('run-row').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('run-row').first().click();
    const nodes = page.getByTestId('run-nodes');
    await nodes.waitFor();
    assert.match(await nodes.innerText(), /LLM/);
    await h.shot(page, '13-workflow-logs');
    await page.keyboard.press('Escape');

    // DSL: export, then import it back as a new app with the same graph.
    await page.getByRole('tab', { name: 'Workflow' }).click();
    await page.getByRole('button', { name: 'Export DSL' }).click();
    const dsl = await page.getByTestId('dsl-text').innerText();
    assert.match(dsl, /kind: app/);
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Apps' }).first().click();
    await page.getByRole('button', { name: 'Import DSL' }).click();
    await page.getByRole('textbox', { name: 'DSL content' }).fill(dsl);
    await page.getByRole('textbox', { name: /^Name \(optional/ }).fill('Imported writer');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/apps\/[0-9a-f-]+\/workflow$/);
    assert.notEqual(new URL(page.url()).pathname, `${appPath}/workflow`);
    await page.getByTestId('app-title').filter({ hasText: 'Imported writer' }).waitFor();
    await page.waitForFunction(() => (globalThis as any).document.querySelectorAll('.react-flow__node').length === 5);

    // An iteration is drawn as a box holding the nodes it runs (a DSL without positions, laid out here).
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const loopApp = await apiCall(h.platform.base, 'POST', '/console/api/apps', { cookie, body: { name: 'Per item', mode: 'workflow' } });
    const n = (id: string, data: Record<string, unknown>, parentId?: string) => ({ id, ...(parentId ? { parentId } : {}), data });
    const saved = await apiCall(h.platform.base, 'POST', `/console/api/apps/${loopApp.body.id}/workflows/draft`, {
      cookie,
      body: {
        graph: {
          nodes: [
            n('start', { type: 'start', title: 'Start', variables: [] }),
            n('code', {
              type: 'code',
              title: 'Items',
              code_language: 'javascript',
              code: 'function main() { return { items: ["a", "b"] }; }',
              variables: [],
              outputs: { items: { type: 'array[string]' } },
            }),
            n('iter', { type: 'iteration', title: 'Each item', iterator_selector: ['code', 'items'], output_selector: ['wrap', 'output'] }),
            n('iter-start', { type: 'iteration-start', title: '' }, 'iter'),
            n(
              'wrap',
              { type: 'template-transform', title: 'Wrap', variables: [{ variable: 'x', value_selector: ['iter', 'item'] }], template: '<{{ x }}>' },
              'iter',
            ),
            n('end', { type: 'end', title: 'End', outputs: [{ variable: 'all', value_selector: ['iter', 'output'] }] }),
          ],
          edges: [
            { id: 'e1', source: 'start', target: 'code' },
            { id: 'e2', source: 'code', target: 'iter' },
            { id: 'e3', source: 'iter-start', target: 'wrap' },
            { id: 'e4', source: 'iter', target: 'end' },
          ],
        },
      },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    await page.goto(`/apps/${loopApp.body.id}/workflow`);
    const box = async (id: string) => (await page.getByTestId(`node-${id}`).boundingBox())!;
    await page.getByTestId('node-wrap').waitFor();
    const [outer, inner, first, after] = [await box('iter'), await box('wrap'), await box('iter-start'), await box('end')];
    for (const child of [inner, first]) {
      assert.ok(
        child.x >= outer.x && child.y >= outer.y && child.x + child.width <= outer.x + outer.width && child.y + child.height <= outer.y + outer.height,
        `a child (${JSON.stringify(child)}) is drawn inside the iteration (${JSON.stringify(outer)})`,
      );
    }
    assert.ok(after.x >= outer.x + outer.width, 'the node after the iteration is drawn after the whole box');
    assert.equal(await page.getByTestId('node-iter').getAttribute('data-container'), 'true');
    await h.shot(page, '13b-iteration-container');
    assert.deepEqual(h.problems, [], 'no CSP violation or page error');
  });
});
