import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { ChangePasswordCard } from './ChangePasswordCard';
import { SessionsCard } from './SessionsCard';
import { TwoFactorCard } from './TwoFactorCard';

/** The signed-in person's own security: password, two-factor sign-in, sessions. */
export function ProfilePage() {
  return (
    <Stack gap="lg" maw={760}>
      <PageHeader title="Profile and security" description="How you sign in, and where you are signed in." />
      <TwoFactorCard />
      <ChangePasswordCard />
      <SessionsCard />
    </Stack>
  );
}
