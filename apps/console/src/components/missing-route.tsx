import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isMissingRoute } from '../api/client';
import { ApiErrorAlert } from './feedback';

/** A route this server does not serve yet says so plainly; any other failure shows the API's message. */
export function QueryError({ error, route }: { error: unknown; route?: string }) {
  const { t } = useTranslation();
  if (isMissingRoute(error))
    return (
      <Alert color="gray" title={t('common.notServed')} data-testid="not-served">
        <Text size="sm">{t('common.notServedBody', { route: route ?? '' })}</Text>
      </Alert>
    );
  return <ApiErrorAlert error={error} />;
}
