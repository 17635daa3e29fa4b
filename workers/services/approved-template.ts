// An approved template of one number, rendered with its parameters: the check every template send makes
// before anything is stored (a template must be approved on the number it goes from, parameters must fit).
import { and, eq } from 'drizzle-orm';
import { whatsappTemplates } from '../../drizzle/schema';
import { renderTemplate } from '../channels/templates';
import { AppError } from '../errors';
import { type Database, inTenant } from './db';

export interface TemplateChoice {
  name: string;
  language: string;
  parameters: string[];
}

/** The rendered body (what the customer reads); a 422 naming the problem otherwise. */
export async function renderApprovedTemplate(
  db: Database,
  tenantId: string,
  channelId: string,
  t: TemplateChoice,
): Promise<string> {
  const [template] = await inTenant(db, tenantId, (tx) =>
    tx
      .select({ status: whatsappTemplates.status, body: whatsappTemplates.body })
      .from(whatsappTemplates)
      .where(
        and(
          eq(whatsappTemplates.tenantId, tenantId),
          eq(whatsappTemplates.channelId, channelId),
          eq(whatsappTemplates.name, t.name),
          eq(whatsappTemplates.language, t.language),
        ),
      )
      .limit(1),
  );
  if (template?.status !== 'APPROVED') {
    throw new AppError('validation_failed', `No approved template ${t.name} (${t.language}) on this number`);
  }
  const rendered = renderTemplate(template.body ?? '', t.parameters);
  if (!rendered.ok) throw new AppError('validation_failed', `Template ${t.name}: ${rendered.reason}`);
  return rendered.text;
}
