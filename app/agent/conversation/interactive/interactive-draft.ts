// What the builder edits, turned into the contract's InteractiveContent, and the problems that keep Send
// disabled (each named in the agent's words): the same limits the server checks (INTERACTIVE_LIMITS), so a
// message the builder lets through is one WhatsApp takes.

import type { InteractiveContent } from '../../../../workers/contract';
import { INTERACTIVE_LIMITS as L } from '../../../../workers/contract';
import { ix } from './interactive-i18n';

export interface DraftOption {
  title: string;
  description: string;
}

export interface InteractiveDraft {
  kind: 'buttons' | 'list';
  header: string;
  body: string;
  footer: string;
  buttons: DraftOption[];
  listButton: string;
  sectionTitle: string;
  rows: DraftOption[];
}

export const emptyOption = (): DraftOption => ({ title: '', description: '' });

export function newDraft(listButton: string): InteractiveDraft {
  return {
    kind: 'buttons',
    header: '',
    body: '',
    footer: '',
    buttons: [emptyOption(), emptyOption()],
    listButton,
    sectionTitle: '',
    rows: [emptyOption(), emptyOption(), emptyOption()],
  };
}

/** Characters as the server counts them (UTF-16 code units, zod's max). */
export const count = (s: string) => s.trim().length;

const optional = (s: string) => (s.trim() ? s.trim() : undefined);

/** The content to send (ids are the options' positions: unique, and what the customer's tap names). */
export function contentOf(d: InteractiveDraft): InteractiveContent {
  const common = {
    body: d.body.trim(),
    ...(optional(d.header) ? { header: d.header.trim() } : {}),
    ...(optional(d.footer) ? { footer: d.footer.trim() } : {}),
  };
  if (d.kind === 'buttons') {
    return {
      kind: 'buttons',
      ...common,
      buttons: d.buttons.map((b, i) => ({ id: `botao-${i + 1}`, title: b.title.trim() })),
    };
  }
  return {
    kind: 'list',
    ...common,
    button: d.listButton.trim(),
    sections: [
      {
        ...(optional(d.sectionTitle) ? { title: d.sectionTitle.trim() } : {}),
        rows: d.rows.map((r, i) => ({
          id: `opcao-${i + 1}`,
          title: r.title.trim(),
          ...(optional(r.description) ? { description: r.description.trim() } : {}),
        })),
      },
    ],
  };
}

/** Why the draft cannot be sent yet, first problem first; empty when it can. */
export function problemsOf(d: InteractiveDraft): string[] {
  const w = ix();
  const p = w.problems;
  const out: string[] = [];
  const long = (value: string, max: number, field: string) => {
    if (count(value) > max) out.push(p.tooLong(field, max));
  };
  if (!d.body.trim()) out.push(p.bodyEmpty);
  long(d.body, L.body, w.body);
  long(d.header, L.header, w.header);
  long(d.footer, L.footer, w.footer);
  const options = d.kind === 'buttons' ? d.buttons : d.rows;
  const max = d.kind === 'buttons' ? L.buttonTitle : L.rowTitle;
  options.forEach((o, i) => {
    const field = d.kind === 'buttons' ? w.button(i + 1) : w.row(i + 1);
    if (!o.title.trim()) out.push(p.titleEmpty(field));
    long(o.title, max, field);
    if (d.kind === 'list') long(o.description, L.rowDescription, w.rowDescription(i + 1));
  });
  const titles = options.map((o) => o.title.trim().toLocaleLowerCase()).filter(Boolean);
  if (new Set(titles).size !== titles.length) out.push(p.duplicate);
  if (d.kind === 'list') {
    if (!d.listButton.trim()) out.push(p.listButtonEmpty);
    long(d.listButton, L.listButton, w.listButton);
    long(d.sectionTitle, L.sectionTitle, w.sectionTitle);
  }
  return out;
}
