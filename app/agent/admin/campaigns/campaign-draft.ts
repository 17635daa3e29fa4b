// The new-campaign form's state and how it becomes a CreateCampaignRequest: checked with the contract's own
// schema plus what only the client can see (a schedule already past, a variable without a source, a CSV column
// the chosen file does not have), every refusal keyed by the field it belongs to.
import {
  type CampaignKind,
  CreateCampaignRequest,
  type VariableSource,
} from '../../../../workers/contract/campaigns';
import { templateParameterCount } from '../../../../workers/contract/templates';
import { at } from '../admin-i18n';
import { Invalid } from '../form-errors';
import { cw } from './campaigns-i18n';
import { wallTimeToIso } from './zoned-time';

export type SourceKind = VariableSource['from'];
export interface SourceDraft {
  from: SourceKind;
  /** The fixed text, the fallback name, the CSV column or the attribute key, by `from`. */
  value: string;
}
export interface TemplateDraft {
  /** `name|language` of the picked template, '' when none. */
  key: string;
  variables: SourceDraft[];
}

export interface CampaignDraft {
  name: string;
  kind: CampaignKind;
  channelId: string;
  templates: [TemplateDraft, TemplateDraft];
  ab: boolean;
  split: number;
  useFilter: boolean;
  tags: string;
  city: string;
  neighbourhood: string;
  pop: string;
  sameChannel: boolean;
  lastAfter: string;
  lastBefore: string;
  when: 'now' | 'later';
  at: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
}

export const emptyTemplate = (): TemplateDraft => ({ key: '', variables: [] });

export function newDraft(channelId: string): CampaignDraft {
  return {
    name: '',
    kind: 'marketing',
    channelId,
    templates: [emptyTemplate(), emptyTemplate()],
    ab: false,
    split: 50,
    useFilter: true,
    tags: '',
    city: '',
    neighbourhood: '',
    pop: '',
    sameChannel: false,
    lastAfter: '',
    lastBefore: '',
    when: 'now',
    at: '',
    quiet: true,
    quietStart: '21:00',
    quietEnd: '08:00',
  };
}

/** The variable sources a template with `body` needs, keeping what was already chosen for each {{n}}. */
export function sourcesFor(body: string | null, kept: readonly SourceDraft[]): SourceDraft[] {
  const count = body ? (templateParameterCount(body) ?? 0) : 0;
  return Array.from({ length: count }, (_, i) => kept[i] ?? { from: 'name', value: '' });
}

function source(s: SourceDraft): unknown {
  const v = s.value.trim();
  if (s.from === 'text') return { from: 'text', value: s.value };
  if (s.from === 'name') return v ? { from: 'name', fallback: v } : { from: 'name' };
  if (s.from === 'csv') return { from: 'csv', column: v };
  return { from: 'attribute', key: v };
}

/** The audience filter, or null when the campaign goes only to the CSV's rows. */
export function filterOf(d: CampaignDraft, zone: string): Record<string, unknown> | null {
  if (!d.useFilter) return null;
  const f: Record<string, unknown> = {};
  const tags = d.tags
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (tags.length) f.tagsAny = tags;
  const attributes: Record<string, string> = {};
  for (const key of ['city', 'neighbourhood', 'pop'] as const)
    if (d[key].trim()) attributes[key] = d[key].trim();
  if (Object.keys(attributes).length) f.attributes = attributes;
  if (d.sameChannel && d.channelId) f.channelId = d.channelId;
  if (d.lastAfter) f.lastContactAfter = wallTimeToIso(`${d.lastAfter}T00:00`, zone);
  if (d.lastBefore) f.lastContactBefore = wallTimeToIso(`${d.lastBefore}T23:59`, zone);
  return f;
}

/** The form's field for an issue path: every issue inside one variable lands on that variable. */
export function fieldOf(path: string): string {
  const variable = /^templates\.(\d+)\.variables\.(\d+)/.exec(path);
  if (variable) return `templates.${variable[1]}.variables.${variable[2]}`;
  const template = /^templates\.(\d+)/.exec(path);
  if (template) return `templates.${template[1]}`;
  if (path.startsWith('filter.tagsAny')) return 'tags';
  if (path.startsWith('filter.lastContact')) return 'lastContact';
  if (path.startsWith('filter')) return 'filter';
  return path.split('.')[0] ?? path;
}

/** What a field's refusal says, in the user's language (the server's own message when we have no words). */
export function wordsFor(field: string): string | undefined {
  const e = cw().errors;
  if (/^templates\.\d+\.variables\.\d+$/.test(field)) return e.variable;
  if (/^templates\.\d+$/.test(field) || field === 'templates') return e.template;
  if (field === 'tags') return e.tags;
  if (field === 'filter' || field === 'lastContact') return e.filter;
  return (e as Record<string, string>)[field];
}

/** Issues (from zod or the server's details) as one message per form field. */
export function fieldsFrom(issues: readonly { path: string; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of issues) {
    const f = fieldOf(i.path);
    if (!(f in fields)) fields[f] = wordsFor(f) ?? i.message;
  }
  return fields;
}

/**
 * The request for `d`, or Invalid with every refused field. `templates` says which picked templates exist
 * (name, language, body); `csvColumns` are the chosen file's header names (null: no file).
 */
export function requestOf(
  d: CampaignDraft,
  zone: string,
  csvColumns: readonly string[] | null,
  now = new Date(),
): CreateCampaignRequest {
  const extra: Record<string, string> = {};
  const e = cw().errors;
  const arms = d.ab ? d.templates : [d.templates[0]];
  const templates = arms.map((t, i) => {
    if (!t.key) extra[`templates.${i}`] = e.template;
    const [name = '', language = ''] = t.key.split('|');
    t.variables.forEach((s, j) => {
      const v = s.value.trim();
      const missing = (s.from === 'text' && !v) || ((s.from === 'csv' || s.from === 'attribute') && !v);
      const unknownColumn =
        s.from === 'csv' && v && csvColumns && !csvColumns.some((c) => c.toLowerCase() === v.toLowerCase());
      if (missing || unknownColumn || (s.from === 'csv' && !csvColumns))
        extra[`templates.${i}.variables.${j}`] = e.variable;
    });
    return { name, language, variables: t.variables.map(source) };
  });
  let scheduledAt: string | null = null;
  if (d.when === 'later') {
    scheduledAt = d.at ? wallTimeToIso(d.at, zone) : null;
    if (!scheduledAt || new Date(scheduledAt).getTime() <= now.getTime()) extra.scheduledAt = e.scheduledAt;
  }
  const value = {
    name: d.name,
    kind: d.kind,
    channelId: d.channelId,
    templates,
    splitPercent: d.split,
    filter: filterOf(d, zone),
    scheduledAt,
    quietHours: d.quiet ? { start: d.quietStart, end: d.quietEnd } : null,
  };
  const parsed = CreateCampaignRequest.safeParse(value);
  const fields = parsed.success
    ? {}
    : fieldsFrom(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  if (parsed.success && Object.keys(extra).length === 0) return parsed.data;
  throw new Invalid({ fields: { ...extra, ...fields }, form: at().form.invalid });
}
