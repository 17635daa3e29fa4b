// A bot question with choices (a menu, a contract to pick, yes/no) as WhatsApp sees it on a Cloud API
// number or in the widget: reply buttons up to 3 options, a list up to 10, titles clipped to WhatsApp's
// limits (a clipped list row keeps the whole label as its description). More than 10, or a text WhatsApp
// would refuse, keeps the numbered text, which is always what is stored as the message's text. The
// engine stays pure: it says the text and the choices; this module only spells them for the channel.
import { InteractiveContent, INTERACTIVE_LIMITS as L } from '../../../workers/contract';
import { clipText } from '../../../workers/contract/text';
import type { ChannelKind } from '../channel-store';

export interface BotChoice {
  id: string;
  title: string;
}

/** The list's button label (the bot speaks pt-BR to customers). */
const LIST_BUTTON = 'Ver opções';

/**
 * Gateways (Evolution, Uazapi) speak WhatsApp Web's protocol, where buttons and lists are not shown on many
 * phones: the numbered text always is. So the bot uses them only on Cloud API numbers and in the widget
 * (`null`: no WhatsApp binding), which renders them as buttons and sends the tap back as `choice`.
 */
export function botUsesInteractive(kind: ChannelKind | null): boolean {
  return kind === 'whatsapp_cloud' || kind === null;
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${clipText(s, max - 1).trimEnd()}…`;
}

/** The question without the numbered lines the engine appended ("\n\n1. A\n2. B"), and the full labels. */
function split(text: string, count: number): { body: string; labels: (string | null)[] } {
  const at = text.lastIndexOf('\n\n');
  const lines = at < 0 ? [] : text.slice(at + 2).split('\n');
  const numbered = lines.length === count && lines.every((l, i) => l.startsWith(`${i + 1}. `));
  if (!numbered) return { body: text, labels: Array.from({ length: count }, () => null) };
  return { body: text.slice(0, at), labels: lines.map((l, i) => l.slice(`${i + 1}. `.length)) };
}

/** Reply buttons or a list for the bot's text and choices; null when the numbered text should go instead. */
export function botInteractive(text: string, choices: readonly BotChoice[]): InteractiveContent | null {
  if (choices.length === 0 || choices.length > L.rows) return null;
  const { body, labels } = split(text, choices.length);
  const content: InteractiveContent =
    choices.length <= L.buttons
      ? {
          kind: 'buttons',
          body,
          buttons: choices.map((c, i) => ({ id: c.id, title: clip(labels[i] ?? c.title, L.buttonTitle) })),
        }
      : {
          kind: 'list',
          body,
          button: LIST_BUTTON,
          sections: [
            {
              rows: choices.map((c, i) => {
                const label = labels[i] ?? c.title;
                const title = clip(label, L.rowTitle);
                return title === label
                  ? { id: c.id, title }
                  : { id: c.id, title, description: clip(label, L.rowDescription) };
              }),
            },
          ],
        };
  const checked = InteractiveContent.safeParse(content);
  return checked.success ? checked.data : null;
}
