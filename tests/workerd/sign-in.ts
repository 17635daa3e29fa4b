// The seeded people the admin suites act as (Acme's admin, agent, supervisor and owner; Globex's agent and admin)
// and one call that logs the ones a suite needs in before its tests, so each suite does not repeat it.
import { beforeAll } from 'vitest';
import { ACME, GLOBEX } from '../support/fixtures';
import { login } from './helpers';

type Seeded = { email: string; name: string; password: string };

function seeded(users: readonly Seeded[], index: number): Seeded {
  const user = users[index];
  if (!user) throw new Error(`fixtures have no user #${index}`);
  return user;
}

export const PEOPLE = {
  admin: seeded(ACME.users, 0),
  agent: seeded(ACME.users, 1),
  supervisor: seeded(ACME.users, 2),
  owner: seeded(ACME.users, 3),
  globex: seeded(GLOBEX.users, 0),
  globexAdmin: seeded(GLOBEX.users, 1),
};

export type Person = keyof typeof PEOPLE;

/** A fresh token for one of them. */
export async function tokenOf(who: Person): Promise<string> {
  return (await login(PEOPLE[who].email, PEOPLE[who].password)).token;
}

/** Tokens for these people, filled in (in the order given) before the suite's tests run. */
export function signIn<P extends Person>(...who: P[]): Record<P, string> {
  const tokens = {} as Record<P, string>;
  beforeAll(async () => {
    for (const p of who) tokens[p] = await tokenOf(p);
  });
  return tokens;
}
