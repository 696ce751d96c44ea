/** The interface languages an account can store (Dify's codes) and the console language each maps to. */
export const INTERFACE_LANGUAGES = [
  { value: 'en-US', label: 'English', console: 'en' },
  { value: 'zh-Hans', label: '简体中文', console: 'zh-Hans' },
] as const;

export const toInterfaceLanguage = (consoleLang: string) => (consoleLang === 'zh-Hans' ? 'zh-Hans' : 'en-US');
export const toConsoleLanguage = (interfaceLanguage: string | undefined) => (interfaceLanguage?.startsWith('zh') ? 'zh-Hans' : 'en');

/** Every IANA time zone the browser knows (UTC first), for a searchable select. */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  const all = intl.supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...all.filter((z) => z !== 'UTC')];
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
