// What a new password must not be, checked by every place a password is set (admin create/update, change
// my password, reset, invitation accept): shorter than 10 characters; on the common/breached list
// (@zxcvbn-ts/language-common's ~49k passwords plus a Brazilian supplement), ignoring case and digits or
// symbols added at the end; or the user's own e-mail name, the tenant's name or slug, or the product's name.
import { AppError } from '../errors';
import { COMMON_PASSWORDS_BR } from './common-passwords-br';

export const PASSWORD_MIN_LENGTH = 10;

export type PasswordRefusal = 'too_short' | 'common' | 'personal';

export interface PasswordContext {
  email?: string | null;
  tenantName?: string | null;
  tenantSlug?: string | null;
}

/** pt-BR first, then English: the API's message, for a client that shows it as is. */
export const PASSWORD_REFUSALS: Record<PasswordRefusal, string> = {
  too_short: `A senha precisa ter pelo menos ${PASSWORD_MIN_LENGTH} caracteres. / The password must have at least ${PASSWORD_MIN_LENGTH} characters.`,
  common:
    'Esta senha é comum demais (está numa lista de senhas vazadas ou muito usadas); escolha outra. / This password is too common (it is on a list of breached or widely used passwords); choose another.',
  personal:
    'A senha não pode ser o seu e-mail nem o nome da empresa ou do produto. / The password cannot be your e-mail or the name of the company or the product.',
};

let loading: Promise<ReadonlySet<string>> | null = null;

/** Built once per isolate, on first use: the list is ~380 KB compressed and most requests never need it. */
function commonPasswords(): Promise<ReadonlySet<string>> {
  loading ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) =>
      new Set([...dictionary['passwords-common'], ...COMMON_PASSWORDS_BR].map((p) => p.toLowerCase())),
  );
  return loading;
}

/** Lower case, accents dropped, letters and digits only: "Acme Fibra" and "acme-fibra" compare equal. */
function compact(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The word before digits, punctuation or symbols tacked on at the end ("Senha@2024" → "senha"). */
function stem(lower: string): string {
  return lower.replace(/[\p{N}\p{P}\p{S}\s]+$/u, '');
}

function personalWords(ctx: PasswordContext): string[] {
  const local = ctx.email?.split('@')[0] ?? '';
  return [local, ctx.tenantName ?? '', ctx.tenantSlug ?? '', 'fio'].map(compact).filter((w) => w.length >= 3);
}

/** Why this password is refused, or null when it is acceptable. */
export async function passwordRefusal(
  password: string,
  ctx: PasswordContext,
): Promise<PasswordRefusal | null> {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  const lower = password.toLowerCase();
  const list = await commonPasswords();
  const base = stem(lower);
  if (list.has(lower) || (base.length >= 4 && list.has(base))) return 'common';
  // The word itself, or it followed only by digits ("mariana.souza7" + "2024" is still the e-mail name).
  const whole = compact(password);
  const isWordPlusDigits = (w: string) => whole.startsWith(w) && /^\p{N}*$/u.test(whole.slice(w.length));
  if (personalWords(ctx).some(isWordPlusDigits)) return 'personal';
  return null;
}

/** Throws 400 validation_failed naming the field and the reason (details: [{path, message, reason}]). */
export async function assertAcceptablePassword(
  password: string,
  ctx: PasswordContext,
  field = 'password',
): Promise<void> {
  const reason = await passwordRefusal(password, ctx);
  if (!reason) return;
  const message = PASSWORD_REFUSALS[reason];
  throw new AppError('validation_failed', `Password refused: ${message}`, [{ path: field, message, reason }]);
}
