// How an author is named in the timeline (and in a reply's quote).
import type { Message } from '../../../workers/contract';
import { t } from '../i18n';

export function authorName(author: Message['author']): string {
  // The bot is always called the bot (its own name, when the tenant gave it one, after it).
  if (author.kind === 'bot') return author.name ? `${t().authors.bot} · ${author.name}` : t().authors.bot;
  return author.name ?? t().authors[author.kind];
}
