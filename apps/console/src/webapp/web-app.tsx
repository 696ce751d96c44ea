import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export default function WebApp(_props: { kind: string }) {
  const { t } = useTranslation();
  return <Text>{t('common.loading')}</Text>;
}
