import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';

export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'zh-Hans', label: '简体中文' },
] as const;

const STORAGE_KEY = 'sluice.lang';

function initialLanguage(): string {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (saved && LANGUAGES.some((l) => l.value === saved)) return saved;
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('zh') ? 'zh-Hans' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-Hans': { translation: zh } },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lng: string): void {
  void i18n.changeLanguage(lng);
  localStorage.setItem(STORAGE_KEY, lng);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng === 'zh-Hans' ? 'zh-Hans' : 'en';
});
document.documentElement.lang = i18n.language === 'zh-Hans' ? 'zh-Hans' : 'en';

export default i18n;
