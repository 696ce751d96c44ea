import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A link to pass on by hand (no mail configured), with a copy button. */
export function CopyLink({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Code block flex={1} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} aria-label={label} data-testid="copy-link-value">
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('common.copied') : t('common.copy')}>
            <ActionIcon variant="light" onClick={copy} aria-label={`${t('common.copy')}: ${label}`} data-testid="copy-link">
              {copied ? '✓' : '⧉'}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
