import { Alert, Button, Stack, Text } from '@mantine/core';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Capabilities, useCan } from '../auth/permissions';

/** A page the member's role may not open says so, and where they can go instead — never a blank screen. */
export function Forbidden() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Stack maw={560} data-testid="forbidden">
      <Alert color="orange" title={t('teams.forbidden.title')} role="alert">
        <Text size="sm">{t('teams.forbidden.body', { role: can.role ? t(`teams.roles.${can.role}`) : '' })}</Text>
      </Alert>
      <Button component={Link} to="/" variant="light" w="fit-content">
        {t('teams.forbidden.home')}
      </Button>
    </Stack>
  );
}

/** Renders its children only for roles that `allow` admits. */
export function RoleGate({ allow, children }: { allow: (c: Capabilities) => boolean; children: ReactNode }) {
  const can = useCan();
  return allow(can) ? <>{children}</> : <Forbidden />;
}
