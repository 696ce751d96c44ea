import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export default function Placeholder(_props: Record<string, unknown>) {
  const { t } = useTranslation();
  return <Text>{t('common.loading')}</Text>;
}
