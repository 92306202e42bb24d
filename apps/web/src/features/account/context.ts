import { createContext, useContext } from 'react';
import type { Membership } from '@igny8/contracts';

export interface AccountContextValue {
  accountId: string;
  membership: Membership;
}

export const AccountContext = createContext<AccountContextValue | null>(null);

/** The account of the current `/a/:accountId` route and the signed-in user's membership in it. */
export function useCurrentAccount(): AccountContextValue {
  const value = useContext(AccountContext);
  if (!value) throw new Error('useCurrentAccount used outside an /a/:accountId route');
  return value;
}
