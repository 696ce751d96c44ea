import { Alert, Button, Group, Modal, Select, Stack, TagsInput, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ASSIGNABLE_ROLES } from '../auth/permissions';
import { ApiErrorAlert } from '../components/feedback';
import { CopyLink } from './copy-link';
import { InvitationResult, MEMBERS, absoluteLink } from './members-api';

/**
 * Invites people by email with one role. Without mail the activation links come back here, to be
 * copied and passed on; they work once.
 */
export function InviteModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [emails, setEmails] = useState<string[]>([]);
  const [role, setRole] = useState<string>('normal');
  const invite = useMutation({
    mutationFn: () => api<{ invitation_results: InvitationResult[] }>(`${MEMBERS}/invite-email`, { body: { emails, role } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['members'] }),
  });
  const close = () => {
    onClose();
    setEmails([]);
    invite.reset();
  };
  const results = invite.data?.invitation_results;
  return (
    <Modal opened={opened} onClose={close} title={t('teams.invite.title')} size="lg">
      {results ? (
        <Stack data-testid="invite-results">
          {results.map((r) => (
            <Stack key={r.email} gap={4}>
              <Text fw={600} size="sm">
                {r.email}
              </Text>
              {r.status === 'failed' ? (
                <Alert color="red">{r.message}</Alert>
              ) : r.mail_sent ? (
                <Text size="sm" c="dimmed">
                  {t('teams.invite.mailed')}
                </Text>
              ) : r.url ? (
                <>
                  <Text size="sm" c="dimmed">
                    {t('teams.invite.linkHelp')}
                  </Text>
                  <CopyLink value={absoluteLink(r.url)} label={t('teams.invite.linkFor', { email: r.email })} />
                </>
              ) : null}
            </Stack>
          ))}
          <Button onClick={close} w="fit-content">
            {t('common.done')}
          </Button>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            invite.mutate();
          }}
        >
          <Stack>
            <TagsInput
              label={t('teams.invite.emails')}
              description={t('teams.invite.emailsHelp')}
              value={emails}
              onChange={setEmails}
              splitChars={[',', ' ', ';']}
              acceptValueOnBlur
              clearable
              data-autofocus
              data-testid="invite-emails"
            />
            <Select
              label={t('teams.invite.role')}
              value={role}
              onChange={(v) => v && setRole(v)}
              allowDeselect={false}
              data={ASSIGNABLE_ROLES.map((r) => ({ value: r, label: t(`teams.roles.${r}`) }))}
              data-testid="invite-role"
            />
            <Text size="xs" c="dimmed">
              {t(`teams.roleHelp.${role}`)}
            </Text>
            {invite.error && <ApiErrorAlert error={invite.error} />}
            <Group>
              <Button type="submit" loading={invite.isPending} disabled={!emails.length} data-testid="send-invites">
                {t('teams.invite.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
