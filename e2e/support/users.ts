import type { Role } from '@igny8/contracts';

/**
 * People of the e2e world. Every spec shares one server, so these are fixed and well known. Their passwords pass
 * the strength rule (zxcvbn score ≥ 3, with their names and emails counted as guessable).
 */
export interface Person {
  name: string;
  email: string;
  password: string;
}

/** The first admin: created through the setup page by the @first-run test in auth.spec.ts. */
export const SYSTEM_OWNER: Person = {
  name: 'Ada Admin',
  email: 'ada@igny8.test',
  password: 'ada-keeps-seven-lanterns',
};
export const SYSTEM_ACCOUNT_NAME = 'igny8 HQ';

/** A customer account created by self-service sign-up, with one member of every role. */
export const CUSTOMER_ACCOUNT_NAME = 'Acme Content';
export const CUSTOMER: Record<Role, Person> = {
  owner: { name: 'Olivia Owner', email: 'olivia@acme.test', password: 'olivia-rows-north-quietly' },
  admin: { name: 'Adam Admin', email: 'adam@acme.test', password: 'adam-paints-amber-harbors' },
  editor: { name: 'Eddie Editor', email: 'eddie@acme.test', password: 'eddie-folds-paper-comets' },
  viewer: { name: 'Vera Viewer', email: 'vera@acme.test', password: 'vera-hums-under-cedars' },
};
