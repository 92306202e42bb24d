import type { Role } from '@igny8/contracts';

/** People of the e2e world. Every spec shares one server, so these are fixed and well known. */
export interface Person {
  name: string;
  email: string;
  password: string;
}

/** The first admin: created through the setup page by the @first-run test in auth.spec.ts. */
export const SYSTEM_OWNER: Person = {
  name: 'Ada Admin',
  email: 'ada@igny8.test',
  password: 'ada-password-1',
};
export const SYSTEM_ACCOUNT_NAME = 'igny8 HQ';

/** A customer account created by self-service sign-up, with one member of every role. */
export const CUSTOMER_ACCOUNT_NAME = 'Acme Content';
export const CUSTOMER: Record<Role, Person> = {
  owner: { name: 'Olivia Owner', email: 'olivia@acme.test', password: 'olivia-password-1' },
  admin: { name: 'Adam Admin', email: 'adam@acme.test', password: 'adam-password-1' },
  editor: { name: 'Eddie Editor', email: 'eddie@acme.test', password: 'eddie-password-1' },
  viewer: { name: 'Vera Viewer', email: 'vera@acme.test', password: 'vera-password-1' },
};
