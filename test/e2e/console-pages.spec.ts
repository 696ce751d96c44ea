import { after, before, describe } from 'node:test';
import { createAdminAndApp } from '../support/http-client';
import { startTestPlatform } from '../support/test-platform';
import { CONFIG, appPages } from './console/app-pages';
import { ConsoleFixture } from './console/console-fixture';
import { knowledgePages } from './console/knowledge-pages';
import { workflowAndSettingsPages } from './console/workflow-settings-pages';

/** The Console API behind the web console's pages (issue 11), on one platform boot. */
describe('Console pages', () => {
  let fx: ConsoleFixture | undefined;
  before(async () => {
    const t = await startTestPlatform();
    fx = { t, ...(await createAdminAndApp(t.base, CONFIG)) };
  });
  after(async () => fx?.t.stop());
  const shared = () => fx!;

  describe('apps: web app settings and switches, copy, preview chat, logs', () => appPages(shared));
  describe('workflows and settings: run history, versions, palette, model providers, edition flags', () => workflowAndSettingsPages(shared));
  describe('knowledge: indexing estimate, segments, metadata, tags, retrieval test, settings', () => knowledgePages(shared));
});
