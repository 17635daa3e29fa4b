// How an author is named in the timeline (and in a reply's quote).
import type { InboxSummary, Message } from '../../../workers/contract';
import { t } from '../i18n';

export function authorName(author: Message['author'], contact?: InboxSummary['contact']): string {
  // The bot is always called the bot (its own name, when the tenant gave it one, after it).
  if (author.kind === 'bot') return author.name ? `${t().authors.bot} · ${author.name}` : t().authors.bot;
  // A website visitor's messages carry no name: the contact's (typed in the widget, or from the site) is theirs.
  if (author.kind === 'visitor' && !author.name && contact?.name) return contact.name;
  return author.name ?? t().authors[author.kind];
}
