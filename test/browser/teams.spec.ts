import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Page } from 'playwright-core';
import { ADMIN, BrowserHarness, apiCall, field, scenario, setupAdmin, signIn, startBrowserHarness } from './support/browser';

// Issue 11/12, teams in the console: an owner invites a second person, who activates from the copied
// link and sees exactly what the role allows; a role change takes effect, removal signs them out, and
// a third person who registers gets a workspace of their own that shows none of it.
let h: BrowserHarness;
let appId = '';

before(async () => {
  h = await startBrowserHarness('teams', { ALLOW_REGISTER: 'true', ALLOW_CREATE_WORKSPACE: 'true' });
  await setupAdmin(h.platform.base);
  const login = await apiCall(h.platform.base, 'POST', '/console/api/login', { body: { email: ADMIN.email, password: ADMIN.password } });
  const auth = { authorization: `Bearer ${login.body.data.access_token}` };
  const app = await apiCall(h.platform.base, 'POST', '/console/api/apps', { headers: auth, body: { name: 'Team bot', mode: 'chat' } });
  appId = app.body.id;
  await apiCall(h.platform.base, 'POST', `/console/api/apps/${appId}/model-config`, {
    headers: auth,
    body: { model: { provider: 'openai', name: 'gpt-4o-mini', mode: 'chat', completion_params: {} }, pre_prompt: 'You are the team bot.', user_input_form: [] },
  });
});
after(async () => {
  await h?.stop();
});

const BOB = { email: 'bob@example.com', name: 'Bob', password: 'bob-password-1' };

async function pickOption(page: Page, select: ReturnType<Page['getByRole']>, option: string) {
  await select.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('two people, two roles: invite, activate, see what the role allows, promote, remove; a third workspace sees none of it', async () => {
  const ownerCtx = await h.context();
  await ownerCtx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.platform.base });
  const owner = await ownerCtx.newPage();
  const bob = await (await h.context()).newPage();
  const T0 = Date.now();
  await scenario(h, 'teams', async () => {
    // The owner invites Bob as a plain member; no SMTP, so the link comes back to be copied.
    await signIn(owner);
    await owner.goto('/settings/members');
    await owner.getByTestId('member-row').first().waitFor();
    await owner.getByTestId('invite-members').click();
    const emails = owner.getByRole('combobox', { name: 'Email addresses' });
    await emails.fill(BOB.email);
    await emails.press('Enter');
    await pickOption(owner, owner.getByRole('combobox', { name: 'Role', exact: true }), 'Member');
    await owner.getByTestId('send-invites').click();
    await owner.getByTestId('invite-results').waitFor();
    await h.shot(owner, 'teams-01-invite-link');
    await owner.getByTestId('copy-link').click();
    const link = await owner.evaluate(() => (globalThis as any).navigator.clipboard.readText());
    assert.equal(link, await owner.getByTestId('copy-link-value').innerText(), 'the copy button copies the link shown');
    assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/activate\?/);
    await owner.getByRole('button', { name: 'Done' }).click();
    const bobRow = owner.locator('[data-testid=member-row][data-email="bob@example.com"]');
    assert.match((await bobRow.textContent()) ?? '', /Invited/);

    // Bob activates in a browser of his own and lands signed in.
    await bob.goto(link);
    await bob.getByText("You are invited to Admin's Workspace").waitFor();
    await field(bob, 'Name').fill(BOB.name);
    await field(bob, 'Password').fill(BOB.password);
    await h.shot(bob, 'teams-02-activate');
    await bob.getByRole('button', { name: 'Activate and sign in' }).click();
    await bob.waitForURL('**/apps');
    await bob.getByTestId('app-card').first().waitFor();
    assert.equal(await bob.getByTestId('role-badge').textContent(), 'Member');
    assert.equal(await bob.getByRole('button', { name: 'Create app' }).count(), 0, 'a member cannot create apps');
    assert.equal(await bob.getByRole('button', { name: 'Import DSL' }).count(), 0);
    await h.shot(bob, 'teams-03-member-apps');

    // The app opens read-only; the preview still answers.
    await bob.getByTestId('app-card').first().click();
    await bob.waitForURL(`**/apps/${appId}/configuration`);
    await bob.getByTestId('read-only').waitFor();
    assert.equal(await bob.getByTestId('save-config').count(), 0, 'no save button');
    assert.ok(await bob.getByTestId('prompt').isDisabled(), 'the prompt cannot be edited');
    assert.equal(await bob.getByRole('tab', { name: 'API access' }).count(), 0, 'no API-key page');
    const preview = bob.getByTestId('preview');
    await preview.getByRole('textbox', { name: 'Message' }).fill('Hello from Bob');
    await preview.getByRole('textbox', { name: 'Message' }).press('Enter');
    await preview.getByTestId('assistant-message').last().getByTestId('message-meta').waitFor();
    await h.shot(bob, 'teams-04-member-preview');

    // Pages the role may not open say so.
    await bob.goto(`/apps/${appId}/api`);
    await bob.getByTestId('forbidden').waitFor();
    await bob.goto('/settings/providers');
    await bob.getByTestId('forbidden').waitFor();
    assert.match(await bob.getByTestId('forbidden').innerText(), /Your role in this workspace \(Member\) cannot open this page/);
    await h.shot(bob, 'teams-05-member-forbidden');
    await bob.goto('/settings/members');
    await bob.getByTestId('members-table').waitFor();
    assert.equal(await bob.getByTestId('invite-members').count(), 0, 'members see the list but cannot manage it');
    assert.equal(await bob.getByTestId('member-role').count(), 0);

    // The owner makes Bob an editor; his next page load can edit.
    await owner.reload();
    assert.match((await bobRow.textContent()) ?? '', /Active/);
    await pickOption(owner, bobRow.getByRole('combobox', { name: 'Role of Bob' }), 'Editor');
    await owner.getByText('Role changed').waitFor();
    await h.shot(owner, 'teams-06-owner-members');
    await bob.goto(`/apps/${appId}/configuration`);
    await bob.getByTestId('save-config').waitFor();
    assert.equal(await bob.getByTestId('role-badge').textContent(), 'Editor');
    await bob.getByTestId('prompt').fill('You are the team bot, edited by Bob.');
    await bob.getByTestId('save-config').click();
    await bob.getByText('Configuration saved').waitFor();
    await bob.goto('/settings/members');
    await bob.getByTestId('members-table').waitFor();
    assert.equal(await bob.getByTestId('invite-members').count(), 0, 'editors do not manage members');
    assert.equal(await bob.getByRole('tab', { name: 'Model providers' }).count(), 0, 'nor provider credentials');

    // The owner removes Bob: his next request sends him to sign in.
    await bobRow.getByTestId('member-actions').click();
    await owner.getByTestId('remove-member').click();
    await owner.getByTestId('confirm-member-action').click();
    await bobRow.waitFor({ state: 'detached' });
    await bob.getByRole('link', { name: 'Apps' }).click();
    await bob.waitForURL(/\/signin/);
    await h.shot(bob, 'teams-07-removed-signed-out');

    // Carol registers (ALLOW_REGISTER) and has a workspace of her own: no app, no Bob, no Admin.
    const carol = await (await h.context()).newPage();
    await carol.goto('/signin');
    await carol.getByRole('link', { name: 'Create an account' }).click();
    // The register page loads lazily: until it shows, the sign-in page's Email field is still there to be filled.
    await carol.getByRole('button', { name: 'Create account' }).waitFor();
    await field(carol, 'Email').fill('carol@example.com');
    await field(carol, 'Name').fill('Carol');
    await field(carol, 'Password').fill('carol-password-1');
    await carol.getByRole('button', { name: 'Create account' }).click();
    await carol.waitForURL('**/apps');
    await carol.getByText('No apps yet').waitFor();
    assert.equal(await carol.getByTestId('role-badge').textContent(), 'Owner');
    await carol.getByTestId('workspace-switcher').click();
    const workspaces = await carol.getByTestId('workspace-item').allInnerTexts();
    assert.deepEqual(
      workspaces.map((w) => w.replace('✓', '').trim()),
      ["Carol's Workspace"],
    );
    await carol.keyboard.press('Escape');
    await carol.goto('/settings/members');
    await carol.getByTestId('members-table').waitFor();
    assert.deepEqual(await carol.locator('[data-testid=member-row]').evaluateAll((rows) => rows.map((r: any) => r.dataset.email)), ['carol@example.com']);
    await carol.goto(`/apps/${appId}/configuration`);
    await carol.getByTestId('api-error').waitFor();
    await h.shot(carol, 'teams-08-other-workspace');
    console.log(`two people, two roles: ${((Date.now() - T0) / 1000).toFixed(1)} s`);
    assert.deepEqual(h.problems, [], 'no CSP violation or page error');
  });
});

test('workspaces and the account page: create, switch, rename; name, language and time zone saved to the profile', async () => {
  const page = await (await h.context()).newPage();
  await scenario(h, 'teams-workspaces', async () => {
    await signIn(page, 'carol@example.com', 'carol-password-1');
    await page.getByTestId('workspace-switcher').click();
    await page.getByRole('menuitem', { name: 'Create workspace' }).click();
    await field(page, 'Workspace name').fill('Lab');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByTestId('workspace-switcher').filter({ hasText: 'Lab' }).waitFor();
    await page.getByText('No apps yet').waitFor();
    await page.getByTestId('workspace-switcher').click();
    await page.getByRole('menuitem', { name: 'Rename workspace' }).click();
    await field(page, 'Workspace name').fill('Research lab');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('workspace-switcher').filter({ hasText: 'Research lab' }).waitFor();
    await page.getByTestId('workspace-switcher').click();
    await h.shot(page, 'teams-09-workspace-switcher');
    await page.getByTestId('workspace-item').filter({ hasText: "Carol's Workspace" }).click();
    await page.getByTestId('workspace-switcher').filter({ hasText: "Carol's Workspace" }).waitFor();

    await page.getByTestId('account-name').click();
    await page.waitForURL('**/settings/account');
    await field(page, 'Display name').fill('Carol C.');
    await page.getByRole('combobox', { name: 'Interface language' }).click();
    await page.getByRole('option', { name: '简体中文' }).click();
    await page.getByRole('combobox', { name: 'Time zone' }).fill('Asia/Shang');
    await page.getByRole('option', { name: 'Asia/Shanghai' }).click();
    await page.getByTestId('save-profile').click();
    await page.getByRole('heading', { name: '设置' }).waitFor();
    assert.equal(await page.getByTestId('account-name').innerText(), 'Carol C.');
    await h.shot(page, 'teams-10-account-zh');
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const me = await apiCall(h.platform.base, 'GET', '/console/api/account/profile', { cookie });
    assert.deepEqual([me.body.name, me.body.interface_language, me.body.timezone], ['Carol C.', 'zh-Hans', 'Asia/Shanghai']);
    assert.deepEqual(h.problems, [], 'no CSP violation or page error');
  });
});

test('a dataset operator sees knowledge only: no Apps in the navigation, and /apps says the role cannot open it', async () => {
  const page = await (await h.context()).newPage();
  await scenario(h, 'teams-dataset-operator', async () => {
    const login = await apiCall(h.platform.base, 'POST', '/console/api/login', { body: { email: ADMIN.email, password: ADMIN.password } });
    const auth = { authorization: `Bearer ${login.body.data.access_token}` };
    const inv = await apiCall(h.platform.base, 'POST', '/console/api/workspaces/current/members/invite-email', {
      headers: auth,
      body: { emails: ['dora@example.com'], role: 'dataset_operator' },
    });
    const token = new URL(inv.body.invitation_results[0].url, h.platform.base).searchParams.get('token');
    const act = await apiCall(h.platform.base, 'POST', '/console/api/activate', {
      body: { token, email: 'dora@example.com', name: 'Dora', password: 'dora-password-1' },
    });
    assert.equal(act.status, 200, JSON.stringify(act.body));

    await page.goto('/signin');
    await field(page, 'Email').fill('dora@example.com');
    await field(page, 'Password').fill('dora-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/datasets');
    await page.getByRole('button', { name: 'Create knowledge base' }).waitFor();
    const nav = await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allInnerTexts();
    assert.deepEqual(nav, ['Knowledge', 'Settings']);
    await page.getByRole('link', { name: 'Sluice' }).click();
    await page.waitForURL('**/datasets');
    await page.evaluate(() => (globalThis as any).history.pushState({}, '', '/apps'));
    await page.evaluate(() => (globalThis as any).dispatchEvent(new (globalThis as any).PopStateEvent('popstate')));
    await page.getByTestId('forbidden').waitFor();
    await h.shot(page, 'teams-11-dataset-operator');
    assert.deepEqual(h.problems, [], 'no CSP violation or page error');
  });
});
