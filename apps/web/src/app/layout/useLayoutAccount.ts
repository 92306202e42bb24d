import { useMatch } from 'react-router';
import type { Membership } from '@igny8/contracts';
import { useAuth } from '../../auth/store';
import { pickAccount } from '../../lib/lastAccount';

/**
 * The account the shell shows: the one in the URL, or on account-less pages (platform) the one
 * the user last worked in. The layout sits above `/a/:accountId`, so it cannot use useParams.
 */
export function useLayoutAccount(): Membership | null {
  const match = useMatch('/a/:accountId/*');
  const memberships = useAuth((s) => s.memberships);
  const fromUrl = match?.params.accountId;
  if (fromUrl) return memberships.find((m) => m.accountId === fromUrl) ?? null;
  return pickAccount(memberships);
}
