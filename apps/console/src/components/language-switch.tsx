import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n';

export function LanguageSwitch({ compact }: { compact?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Select
      label={compact ? undefined : t('common.language')}
      aria-label={t('common.language')}
      data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
      value={i18n.language === 'zh-Hans' ? 'zh-Hans' : 'en'}
      onChange={(v) => v && setLanguage(v)}
      allowDeselect={false}
      size={compact ? 'xs' : 'sm'}
      w={compact ? 120 : undefined}
      data-testid="language-switch"
    />
  );
}
