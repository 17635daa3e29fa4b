// The bot's first word in a mass outage: a customer of an affected area who opens a new demand hears about the
// outage (what, until when in the tenant's zone, the protocol) before the flow or the model run, and the ticket
// stays with the bot instead of joining a flooded queue. Once per outage per conversation: the next message
// goes through the flow as usual, so "atendente" still reaches a person (Anatel requires one be reachable).
// Fails open: when Postgres cannot say whether an outage applies, the normal flow answers.

import type { Env } from '../../../workers/env';
import { openDatabases, withTimeout } from '../../../workers/services/db';
import { errorFields, log } from '../../../workers/services/log';
import { type ActiveOutage, outagesAffecting } from '../../../workers/services/outages-affecting';
import { cachedServiceSetup } from '../../../workers/services/service-setup-cache';
import type { BotHost } from '../bot/bot-step';
import type { BotRecord, PendingInput } from '../bot/bot-store';
import { describeOpening } from '../care/after-hours';
import type { OutreachKeeper } from './outreach-keeper';
import { outageNotice } from './outreach-words';

export interface OutageFirstDeps {
  env: Env;
  waitUntil(p: Promise<unknown>): void;
  keeper: OutreachKeeper;
  /** The conversation's contact (from the desk's card); null before it is known. */
  contactId(): string | null;
}

/** The tags that group these tickets in the inbox and reports. */
const TAG = { outage: 'queda', maintenance: 'manutencao' } as const;
/** Past this the flow answers: a slow Postgres must not leave a flooded customer waiting for the watchdog. */
const CHECK_DEADLINE_MS = 3_000;

/** True when the bot told the customer about an outage and this input needs nothing more. */
export async function tellOutageFirst(
  deps: OutageFirstDeps,
  host: BotHost,
  record: BotRecord,
  head: PendingInput,
): Promise<boolean> {
  // Only a new demand: a customer already in the middle of the flow keeps their conversation.
  if (record.state !== null) return false;
  const contactId = deps.contactId();
  if (!contactId) return false;
  const tenantId = host.ref.tenantId;
  let outage: ActiveOutage | undefined;
  let words: { locale: 'pt-BR' | 'en'; timezone: string };
  const dbs = openDatabases(deps.env);
  try {
    const affecting = await withTimeout(
      outagesAffecting(dbs.primary, tenantId, contactId),
      CHECK_DEADLINE_MS,
      'outage check',
    );
    outage = affecting.find((o) => !deps.keeper.told.has(o.id));
    if (!outage) return false;
    const setup = await cachedServiceSetup(deps.env, tenantId, deps.waitUntil);
    words = { locale: setup.locale, timezone: setup.timezone };
  } catch (err) {
    log('warn', 'outage check failed; the normal flow answers', { ...host.ref, ...errorFields(err) });
    return false;
  } finally {
    deps.waitUntil(dbs.close());
  }
  const ticket = host.ticket();
  if (!ticket || !host.mine()) return false;
  const now = new Date();
  const until =
    outage.expectedEndAt && outage.expectedEndAt > now
      ? describeOpening(outage.expectedEndAt, now, words.timezone, words.locale)
      : null;
  // One synchronous step: remembered as told, said, shown to agents, tagged (the tag's ticket event carries
  // the summary with the outage to the inbox).
  deps.keeper.recordTold(outage.id, ticket.ticketId);
  host.say(
    `outage-${outage.id}-${head.seq}`,
    outageNotice(
      { kind: outage.kind, message: outage.message, until, protocol: ticket.protocol },
      words.locale,
    ),
  );
  host.activity('outage_told', { title: outage.title.slice(0, 120) });
  const tag = TAG[outage.kind];
  if (!ticket.tags.includes(tag)) host.ticketChange('tags', { tags: [...ticket.tags, tag].slice(0, 20) });
  else deps.keeper.summaryChanged();
  return true;
}
