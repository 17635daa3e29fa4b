// Turns a failed save into what a form shows: one message per field (from the error envelope's `details`, or
// the contract's own zod check before sending) plus one message for the whole form, in the user's language.
import type { z } from 'zod';
import { acct } from '../account/account-i18n';
import { ApiError } from '../api';
import { at } from './admin-i18n';

export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, form: null };

interface Issue {
  path: string;
  message: string;
  /** Why a password was refused (too_short, common, personal), when the server says. */
  reason?: string;
}

function isIssue(v: unknown): v is Issue {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Issue).path === 'string' &&
    typeof (v as Issue).message === 'string'
  );
}

/** The field an issue is about (`teamIds.0` is the teamIds field) and its message in the current language. */
function fieldsOf(issues: Issue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.split('.')[0] ?? '';
    const byReason = issue.reason ? acct().reasons[issue.reason] : undefined;
    if (field && !fields[field]) fields[field] = byReason ?? at().fieldErrors[field] ?? issue.message;
  }
  return fields;
}

/** A form value the contract's schema refused, caught by createSave and shown like the API's own refusal. */
export class Invalid extends Error {
  constructor(readonly errors: FormErrors) {
    super(errors.form ?? 'invalid');
  }
}

/** Checks a form's value with the same contract schema the API uses, so mistakes show before a round trip. */
export function valid<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const fields = fieldsOf(issues);
  const whole = Object.keys(fields).length ? undefined : issues[0]?.message;
  throw new Invalid({ fields, form: whole ?? at().form.invalid });
}

/**
 * A rejected request as form errors. `conflict` names the field a 409 is about and what to say there (the
 * email already taken, the last admin…); `details` per field are shown when the envelope carries them.
 */
export function fromApiError(err: unknown, conflict?: { field: string; message: string }): FormErrors {
  if (err instanceof Invalid) return err.errors;
  if (!(err instanceof ApiError)) return { fields: {}, form: at().form.failed };
  if (err.code === 'conflict' && conflict) {
    return { fields: { [conflict.field]: conflict.message }, form: at().form.invalid };
  }
  // The envelope's details reach us when the client's ApiError carries them; read without assuming it does.
  const details: unknown = (err as ApiError & { details?: unknown }).details;
  const issues = Array.isArray(details) ? details.filter(isIssue) : [];
  if (issues.length) return { fields: fieldsOf(issues), form: at().form.invalid };
  if (err.code === 'validation_failed') return { fields: {}, form: at().form.invalid };
  if (err.code === 'forbidden') return { fields: {}, form: at().form.forbidden };
  if (err.code === 'not_found') return { fields: {}, form: at().form.notFound };
  if (err.status >= 500) return { fields: {}, form: at().form.failed };
  return { fields: {}, form: err.message };
}
