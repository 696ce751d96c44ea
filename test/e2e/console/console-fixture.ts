import { TestPlatform } from '../../support/test-platform';

/** What the console page suites share: one platform, the admin's token, a configured chat app and its key. */
export interface ConsoleFixture {
  t: TestPlatform;
  token: string;
  appId: string;
  key: string;
}
