// A CSV of recipients for a draft campaign: a header row with `phone` (or `telefone`), optionally `name` (or
// `nome`), and any other columns the template's {from:'csv'} variables name. Every refused line is reported
// with its number, a code and the value (invalid_phone, duplicate in the file or already a recipient,
// missing_variable, too_long); nothing is dropped silently. Lines whose phone is on the suppression list are
// kept as skipped recipients (counted) and listed as opted_out so the supervisor sees who will not get it.
// Accepted phones link to their contact or create one. All in one transaction: a file with no usable line is
// a 400 and stores nothing.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { campaigns, contacts } from '../../drizzle/schema';
import { phoneVariants } from '../channels/phone';
import type { CampaignTemplate, ImportProblem, ImportReport } from '../contract';
import { AppError } from '../errors';
import { parseCsv } from './campaign-csv';
import {
  type CampaignShape,
  existingPhones,
  insertRecipients,
  type Person,
  suppressedAmong,
} from './campaign-recipients';
import { invalid } from './campaign-templates';
import { armFor, resolveVariables } from './campaign-variables';
import type { CampaignRow } from './campaign-view';
import type { Tx } from './db';
import { widgetPhone } from './widget-contact';

const FIELD_MAX = 1024;
const NAME_MAX = 120;
const CHUNK = 1000;

interface Candidate {
  line: number;
  phone: string;
  name: string | null;
  csv: Record<string, string>;
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The CSV columns the templates read, checked against the header (400 naming the variable otherwise). */
function checkColumns(templates: readonly CampaignTemplate[], header: readonly string[]): void {
  const issues: { path: string; message: string }[] = [];
  templates.forEach((t, i) => {
    t.variables.forEach((v, j) => {
      if (v.from === 'csv' && !header.includes(v.column.toLowerCase())) {
        issues.push({
          path: `templates.${i}.variables.${j}.column`,
          message: `the CSV has no column ${v.column}`,
        });
      }
    });
  });
  if (issues.length > 0) throw invalid(issues);
}

/** Reads the lines into candidates, reporting the ones refused on their own (phone, length, duplicate). */
function readLines(text: string, templates: readonly CampaignTemplate[]) {
  const parsed = parseCsv(text);
  if (!parsed) throw invalid([{ path: 'csv', message: 'the file is empty' }]);
  const { header, records } = parsed;
  const phoneAt = header.findIndex((h) => h === 'phone' || h === 'telefone');
  if (phoneAt < 0) {
    throw invalid([{ path: 'csv', message: 'the header row needs a phone (or telefone) column' }]);
  }
  checkColumns(templates, header);
  const nameAt = header.findIndex((h) => h === 'name' || h === 'nome');
  const problems: ImportProblem[] = [];
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  for (const { line, fields } of records) {
    const raw = (fields[phoneAt] ?? '').trim();
    const long = fields.find((f) => f.length > FIELD_MAX);
    const name = nameAt >= 0 ? (fields[nameAt] ?? '').trim() : '';
    if (long !== undefined || name.length > NAME_MAX) {
      const value = (long ?? name).slice(0, 60);
      problems.push({ line, code: 'too_long', message: 'a field is too long', value });
      continue;
    }
    const phone = widgetPhone(raw);
    if (!phone) {
      problems.push({ line, code: 'invalid_phone', message: 'not a phone number', value: raw || null });
      continue;
    }
    if (seen.has(phone)) {
      problems.push({ line, code: 'duplicate', message: 'this phone is on an earlier line', value: raw });
      continue;
    }
    seen.add(phone);
    const csv: Record<string, string> = {};
    header.forEach((h, i) => {
      csv[h] = (fields[i] ?? '').trim();
    });
    candidates.push({ line, phone, name: name || null, csv });
  }
  return { rows: records.length, problems, candidates };
}

/** Existing contacts by canonical phone (matched in any Brazilian form). */
async function contactsByPhone(tx: Tx, tenantId: string, phones: readonly string[]) {
  const found = new Map<string, { id: string; name: string | null; attributes: Record<string, unknown> }>();
  for (const part of chunks(phones)) {
    const variants = new Map<string, string>();
    for (const p of part) for (const v of phoneVariants(p)) variants.set(v, p);
    const rows = await tx
      .select({
        id: contacts.id,
        name: contacts.name,
        phone: contacts.phone,
        attributes: contacts.attributes,
      })
      .from(contacts)
      .where(and(eq(contacts.tenantId, tenantId), inArray(contacts.phone, [...variants.keys()])));
    for (const r of rows) {
      const canonical = r.phone ? variants.get(r.phone) : undefined;
      if (canonical && !found.has(canonical)) {
        found.set(canonical, {
          id: r.id,
          name: r.name,
          attributes: (r.attributes ?? {}) as Record<string, unknown>,
        });
      }
    }
  }
  return found;
}

export async function importRecipients(
  tx: Tx,
  tenantId: string,
  campaign: CampaignRow,
  text: string,
): Promise<ImportReport> {
  if (campaign.status !== 'draft')
    throw new AppError('conflict', 'Recipients are imported only into a draft');
  const shape: CampaignShape = {
    id: campaign.id,
    kind: campaign.kind === 'utility' ? 'utility' : 'marketing',
    templates: campaign.templates as CampaignTemplate[],
    splitPercent: campaign.splitPercent,
  };
  const { rows, problems, candidates: read } = readLines(text, shape.templates);
  const already = new Set<string>();
  for (const part of chunks(read.map((c) => c.phone))) {
    for (const p of await existingPhones(tx, campaign.id, part)) already.add(p);
  }
  const fresh = read.filter((c) => {
    if (!already.has(c.phone)) return true;
    problems.push({
      line: c.line,
      code: 'duplicate',
      message: 'already a recipient',
      value: c.csv.phone ?? c.csv.telefone ?? c.phone,
    });
    return false;
  });
  const known = await contactsByPhone(
    tx,
    tenantId,
    fresh.map((c) => c.phone),
  );
  const people: (Person & { line: number })[] = [];
  for (const c of fresh) {
    const contact = known.get(c.phone);
    const person = {
      line: c.line,
      contactId: contact?.id ?? null,
      phone: c.phone,
      name: c.name ?? contact?.name ?? null,
      attributes: contact?.attributes ?? {},
      csv: c.csv,
    };
    const arm = armFor(shape.id, c.phone, shape.templates.length, shape.splitPercent);
    const resolved = resolveVariables(shape.templates[arm === 'b' ? 1 : 0] as CampaignTemplate, person);
    if (!resolved.ok) {
      const what = resolved.source.from === 'csv' ? resolved.source.column : resolved.source.from;
      problems.push({
        line: c.line,
        code: 'missing_variable',
        message: `variable {{${resolved.variable}}} (${what}) is empty`,
        value: null,
      });
      continue;
    }
    people.push(person);
  }
  if (people.length === 0) {
    const report = { rows, accepted: 0, problems: problems.sort((a, b) => a.line - b.line) };
    throw new AppError('validation_failed', 'The CSV has no line that can be sent to', { report });
  }
  // Contacts: link the known, create the new (the CSV's name only where the contact has none).
  const missing = people.filter((p) => !p.contactId);
  for (const part of chunks(missing)) {
    const created = await tx
      .insert(contacts)
      .values(part.map((p) => ({ tenantId, phone: p.phone, name: p.name })))
      .onConflictDoUpdate({
        target: [contacts.tenantId, contacts.phone],
        set: { name: sql`coalesce(${contacts.name}, excluded.name)` },
      })
      .returning({ id: contacts.id, phone: contacts.phone });
    const ids = new Map(created.map((r) => [r.phone, r.id]));
    for (const p of part) p.contactId = ids.get(p.phone) ?? null;
  }
  for (const p of people) {
    const contact = known.get(p.phone);
    if (contact && !contact.name && p.name) {
      await tx
        .update(contacts)
        .set({ name: p.name })
        .where(and(eq(contacts.id, contact.id), isNull(contacts.name)));
    }
  }
  const suppressed = await suppressedAmong(
    tx,
    tenantId,
    people.map((p) => p.phone),
    shape.kind,
  );
  for (const p of people) {
    if (suppressed.has(p.phone)) {
      problems.push({
        line: p.line,
        code: 'opted_out',
        message: 'on the opt-out list: counted as skipped',
        value: p.phone,
      });
    }
  }
  for (const part of chunks(people)) await insertRecipients(tx, tenantId, shape, part);
  const report: ImportReport = {
    rows,
    accepted: people.length,
    problems: problems.sort((a, b) => a.line - b.line),
  };
  const audience = { ...(campaign.audience as Record<string, unknown>), csv: true };
  await tx.update(campaigns).set({ importReport: report, audience }).where(eq(campaigns.id, campaign.id));
  return report;
}
