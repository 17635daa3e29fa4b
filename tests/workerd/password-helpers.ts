// Shared by the password suites: a fresh user to change passwords on (never the seeded logins other suites
// use), the shape of a password refusal, and whether a login works.
import { expect } from 'vitest';
import type { AdminUser } from '../../workers/contract';
import { api, postJson } from './helpers';
import { uniqueEmail } from './mailbox';

export const GOOD = 'cavalo-bateria-grampo';

/** A fresh Acme user (so changing passwords never touches the seeded logins other suites use). */
export async function freshUser(adminToken: string, password = GOOD): Promise<{ id: string; email: string }> {
  const email = uniqueEmail();
  const res = await api<AdminUser>('POST', '/api/admin/users', adminToken, {
    email,
    name: 'Pessoa Teste',
    role: 'agent',
    password,
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, email };
}

export type Refusal = {
  error: { code: string; message: string; details: { path: string; reason: string }[] };
};

export function expectRefused(res: { status: number; body: unknown }, path: string, reason: string): void {
  expect(res.status).toBe(400);
  const body = res.body as Refusal;
  expect(body.error.code).toBe('validation_failed');
  expect(body.error.details).toEqual([expect.objectContaining({ path, reason })]);
}

export async function canLogIn(email: string, password: string): Promise<boolean> {
  const res = await postJson('/api/auth/login', { email, password });
  return res.status === 200;
}
