import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Component, ErrorInfo, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client';
import i18n from '../i18n';

export function PageLoader({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden />
      <Text ml="sm" c="dimmed" size="sm">
        {label ?? t('common.loading')}
      </Text>
    </Center>
  );
}

/** The API's `{code, message}` where the form or page is. */
export function ApiErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <Alert color="red" variant="light" title={title ?? t('common.error')} role="alert" data-testid="api-error">
      <Text size="sm">{errorMessage(error)}</Text>
      {code && (
        <Text size="xs" c="dimmed" ff="monospace">
          {code}
        </Text>
      )}
    </Alert>
  );
}

export function notifyError(err: unknown) {
  notifications.show({
    color: 'red',
    title: err instanceof ApiError ? `${i18n.t('common.error')} · ${err.code}` : i18n.t('common.error'),
    message: errorMessage(err),
  });
}

export function notifySuccess(message: string) {
  notifications.show({ color: 'teal', message });
}

interface BoundaryState {
  error: Error | null;
}

/** Whatever a page throws while rendering becomes a message with a way out, never a blank screen. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, BoundaryState> {
  override state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('page error', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Center p="xl">
        <Stack maw={520}>
          <Alert color="red" title={i18n.t('common.pageError')} role="alert">
            <Text size="sm">{this.state.error.message}</Text>
          </Alert>
          <Button variant="light" onClick={() => this.setState({ error: null })}>
            {i18n.t('common.tryAgain')}
          </Button>
        </Stack>
      </Center>
    );
  }
}
