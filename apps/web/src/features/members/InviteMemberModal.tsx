import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  CopyButton,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconLink } from '@tabler/icons-react';
import { addMemberBodySchema, type AddMemberBody, type Role } from '@igny8/contracts';
import { useInviteMember } from '../../api/queries/members';
import { zodValidate } from '../../lib/form';
import { roleDescription, roleLabel } from './roleLabels';

/** Absolute form of the server's invite URL, which may be relative to this origin. */
function absoluteUrl(url: string): string {
  try {
    return new URL(url, window.location.origin).href;
  } catch {
    return url;
  }
}

export function InviteMemberModal(props: { accountId: string; roles: Role[]; opened: boolean; onClose: () => void }) {
  const invite = useInviteMember(props.accountId);
  /** url null: the invitation went out by email, so there is no link to pass on. */
  const [link, setLink] = useState<{ email: string; url: string | null } | null>(null);
  const form = useForm<AddMemberBody>({
    initialValues: { email: '', role: props.roles.includes('editor') ? 'editor' : (props.roles[0] ?? 'viewer') },
    validate: zodValidate<AddMemberBody>(addMemberBodySchema),
  });

  const close = () => {
    setLink(null);
    form.reset();
    invite.reset();
    props.onClose();
  };

  const submit = form.onSubmit((values) =>
    invite.mutate(values, {
      // Always an invitation: the person joins when they accept it, whether or not they already use igny8.
      onSuccess: (res) => setLink({ email: res.member.email, url: res.inviteUrl ? absoluteUrl(res.inviteUrl) : null }),
    }),
  );

  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={link ? 'Invitation created' : 'Invite a member'}
      centered
      radius="md"
    >
      {link && link.url === null ? (
        <Stack gap="md">
          <Alert color="teal" variant="light" icon={<IconCheck size={18} />} data-testid="invite-emailed">
            <Text size="sm">
              We emailed <b>{link.email}</b> a one-time link. They join when they accept it. Removing the invited member
              withdraws it.
            </Text>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close} data-testid="invite-done">
              Done
            </Button>
          </Group>
        </Stack>
      ) : link ? (
        <Stack gap="md">
          <Alert color="indigo" variant="light" icon={<IconLink size={18} />}>
            <Text size="sm">
              No email was sent (this installation has no email configured). Send <b>{link.email}</b> this one-time
              link. They join when they accept it: by choosing a password, or by signing in if they already use igny8.
              It is shown only now; removing the invited member withdraws it.
            </Text>
          </Alert>
          <TextInput
            readOnly
            value={link.url ?? ''}
            data-testid="invite-link"
            onFocus={(e) => e.currentTarget.select()}
            rightSection={
              <CopyButton value={link.url ?? ''}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                    <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copy link">
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            }
          />
          <Group justify="flex-end">
            <Button onClick={close} data-testid="invite-done">
              Done
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label="Email"
              type="email"
              placeholder="name@company.com"
              data-autofocus
              data-testid="invite-email"
              {...form.getInputProps('email')}
            />
            <NativeSelect
              label="Role"
              description={roleDescription[form.values.role as Role]}
              data={props.roles.map((r) => ({ value: r, label: roleLabel[r] }))}
              data-testid="invite-role"
              {...form.getInputProps('role')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending} data-testid="invite-submit">
                Invite
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
