// How each provider spells reply buttons and lists: the Cloud API's `interactive` object (Meta's shape
// exactly), Evolution v2's sendButtons / sendList bodies and Uazapi's /send/menu with its "title|id" choices.
// The content was checked against WhatsApp's limits (INTERACTIVE_LIMITS) before it was stored.
import type { InteractiveContent } from '../contract';

type Json = Record<string, unknown>;
type Buttons = Extract<InteractiveContent, { kind: 'buttons' }>;
type List = Extract<InteractiveContent, { kind: 'list' }>;

/** The Cloud API message's `type` and `interactive` fields. */
export function cloudInteractive(content: InteractiveContent): Json {
  const common: Json = {
    ...(content.header ? { header: { type: 'text', text: content.header } } : {}),
    body: { text: content.body },
    ...(content.footer ? { footer: { text: content.footer } } : {}),
  };
  const interactive =
    content.kind === 'buttons'
      ? {
          type: 'button',
          ...common,
          action: {
            buttons: content.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })),
          },
        }
      : {
          type: 'list',
          ...common,
          action: {
            button: content.button,
            sections: content.sections.map((s) => ({
              ...(s.title ? { title: s.title } : {}),
              rows: s.rows.map((r) => ({
                id: r.id,
                title: r.title,
                ...(r.description ? { description: r.description } : {}),
              })),
            })),
          },
        };
  return { type: 'interactive', interactive };
}

/**
 * Evolution v2: POST /message/sendButtons or /message/sendList. Evolution writes `title` in bold above the
 * `description`, so without a header the body is the title (not an empty bold line).
 */
export function evolutionInteractive(
  content: InteractiveContent,
  number: string,
): { path: string; body: Json } {
  const [title, description] = content.header ? [content.header, content.body] : [content.body, undefined];
  const text = { title, ...(description ? { description } : {}) };
  if (content.kind === 'buttons') {
    return {
      path: 'sendButtons',
      body: {
        number,
        ...text,
        ...(content.footer ? { footer: content.footer } : {}),
        buttons: content.buttons.map((b) => ({ type: 'reply', displayText: b.title, id: b.id })),
      },
    };
  }
  return {
    path: 'sendList',
    body: {
      number,
      ...text,
      buttonText: content.button,
      ...(content.footer ? { footerText: content.footer } : {}),
      sections: content.sections.map((s) => ({
        title: s.title ?? '',
        rows: s.rows.map((r) => ({ title: r.title, description: r.description ?? '', rowId: r.id })),
      })),
    },
  };
}

/** Uazapi's choice lines use `|` and `[`…`]` as syntax: those characters in a label would break them. */
const plain = (s: string) => s.replace(/\|/g, '/').replace(/^\[/, '(').replace(/\]$/, ')');

/** Uazapi: POST /send/menu; buttons are "title|id", list rows "title|id|description" under "[Section]". */
export function uazapiInteractive(content: InteractiveContent, number: string): Json {
  const text = content.header ? `*${content.header}*\n\n${content.body}` : content.body;
  const common = { number, text, ...(content.footer ? { footerText: content.footer } : {}) };
  if (content.kind === 'buttons') {
    return { ...common, type: 'button', choices: buttonChoices(content) };
  }
  return { ...common, type: 'list', listButton: content.button, choices: listChoices(content) };
}

function buttonChoices(content: Buttons): string[] {
  return content.buttons.map((b) => `${plain(b.title)}|${b.id}`);
}

function listChoices(content: List): string[] {
  return content.sections.flatMap((s) => [
    ...(s.title ? [`[${plain(s.title)}]`] : []),
    ...s.rows.map((r) => `${plain(r.title)}|${r.id}${r.description ? `|${plain(r.description)}` : ''}`),
  ]);
}
