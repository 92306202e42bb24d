import { Stack } from '@mantine/core';
import { accountPath } from '../../api/queries/accounts';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentAccount } from '../account/context';
import { AuditTable } from './AuditTable';

/** The account's audit log (admins and owners): who changed what, when, from where. */
export function AuditLogPage() {
  const { accountId } = useCurrentAccount();
  return (
    <Stack gap={0}>
      <PageHeader
        title="Audit log"
        description="Member, role, invitation, settings, key and token changes in this account. Secrets are never recorded."
      />
      <AuditTable base={`${accountPath(accountId)}/audit`} />
    </Stack>
  );
}
