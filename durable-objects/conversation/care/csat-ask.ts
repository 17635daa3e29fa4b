// Asking one closed ticket's satisfaction question when it is due: the list inside WhatsApp's 24 h window
// and in the widget, the approved template (protocol as {{1}}) outside it, nothing (and `skipped` saying
// why) when neither can go. Idempotent by client id: a retry after a restart never asks twice.
import { renderApprovedTemplate } from '../../../workers/services/approved-template';
import { openDatabases } from '../../../workers/services/db';
import { errorFields, log } from '../../../workers/services/log';
import type { ServiceSetup } from '../../../workers/services/service-setup';
import { BOT_AUTHOR } from '../bot/bot-participant';
import type { WatcherContext } from '../desk-watcher';
import type { CareState } from './care-state';
import { type SurveyState, surveyList } from './csat-survey';

const MINUTE = 60_000;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Asks the survey when due; returns when it is due (object ms) if not yet. */
export async function askSurvey(
  w: WatcherContext,
  state: CareState,
  setup: ServiceSetup,
  tenantId: string,
): Promise<number | null> {
  const s = state.survey();
  if (!s || s.askedAt !== null || s.skipped !== null) return null;
  const csat = setup.settings.csat;
  const t = w.desk.ticket();
  if (!csat.enabled) return skip(state, s, 'disabled');
  if (!t || t.ticketId !== s.ticketId || t.status !== 'closed') return skip(state, s, 'reopened');
  if (t.resolvedBy === 'bot' && !csat.afterBot) return skip(state, s, 'after_bot');
  const due = s.closedMs + csat.delaySeconds * 1000;
  if (w.time.nowMs() < due) return due;
  const clientId = `csat-${s.ticketId}`;
  const locale = setup.locale;
  let via: SurveyState['via'] = 'list';
  let sent: ReturnType<WatcherContext['post']>;
  if (w.channel.refusal('interactive') === null) {
    const list = surveyList(s.protocol, locale);
    sent = w.post({ author: BOT_AUTHOR, clientId, text: list.body, interactive: list });
  } else {
    // Outside WhatsApp's 24 h window only an approved template may go.
    const binding = w.channel.store.binding();
    const template = csat.templateName
      ? { name: csat.templateName, language: csat.templateLanguage, parameters: [s.protocol] }
      : null;
    const text = binding && template ? await renderTemplate(w, tenantId, binding.channelId, template) : null;
    const now = state.survey();
    if (now?.ticketId !== s.ticketId || now.askedAt !== null || now.skipped !== null) return null;
    if (!text || !template) {
      log('info', 'CSAT not asked: no approved template outside the window', {
        tenantId,
        conversationId: w.store.identity()?.conversationId,
        template: csat.templateName,
      });
      return skip(state, s, 'no_template');
    }
    via = 'template';
    sent = w.post({ author: BOT_AUTHOR, clientId, text, template });
  }
  if (!sent.ok) {
    log('warn', 'CSAT question not sent', { tenantId, code: sent.code });
    return skip(state, s, 'not_sent');
  }
  const asked = w.time.nowMs();
  state.setSurvey({
    ...s,
    askedAt: iso(asked),
    expiresAt: iso(asked + csat.expiryHours * 60 * MINUTE),
    via,
  });
  return null;
}

async function renderTemplate(
  w: WatcherContext,
  tenantId: string,
  channelId: string,
  template: { name: string; language: string; parameters: string[] },
): Promise<string | null> {
  const dbs = openDatabases(w.env);
  try {
    return await renderApprovedTemplate(dbs.primary, tenantId, channelId, template);
  } catch (err) {
    log('info', 'CSAT template unusable', { tenantId, ...errorFields(err) });
    return null;
  } finally {
    w.ctx.waitUntil(dbs.close());
  }
}

function skip(state: CareState, s: SurveyState, why: string): null {
  state.setSurvey({ ...s, skipped: why });
  return null;
}
