// What the customer says first, kept by the conversation object beside the desk (a DeskWatcher): an opt-out
// word or button puts the phone on the tenant's marketing suppression list and is answered once, without the
// bot or a new ticket; the outage the bot told about goes into the inbox summary. Postgres writes are jobs in
// the object's SQLite (outreach-jobs.ts), tried at once and retried through the alarm while Postgres is down;
// the confirmation goes out only after the write committed, and only when it changed the list (a second
// "SAIR" finds the phone there already: nothing new is said).
import { sql } from 'drizzle-orm';
import { outageConversations } from '../../../drizzle/schema';
import type { ConversationEvent, InboxSummary, StoredEvent, TicketSnapshot } from '../../../workers/contract';
import { inTenant, openDatabases } from '../../../workers/services/db';
import { errorFields, log } from '../../../workers/services/log';
import { recordOptOut, removeOptOut } from '../../../workers/services/opt-outs';
import { BOT_AUTHOR } from '../bot/bot-participant';
import type { AppendResult } from '../conversation-store';
import type { DeskWatcher, WatcherContext } from '../desk-watcher';
import { type OptOutIntent, optOutIntent } from './opt-out-words';
import { type OutreachJob, OutreachJobs, ToldOutages } from './outreach-jobs';
import { optOutConfirmation } from './outreach-words';

type Append = (event: ConversationEvent, clientId: string | null) => AppendResult;

export class OutreachKeeper implements DeskWatcher {
  readonly jobs: OutreachJobs;
  readonly told: ToldOutages;
  /** The customer message this keeper answered in the current append: the bot does not take it. */
  private lastHandledSeq = 0;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly w: WatcherContext,
    private readonly append: Append,
  ) {
    this.jobs = new OutreachJobs(w.ctx.storage.sql);
    this.told = new ToldOutages(w.meta);
  }

  /** An opt-out word needs a WhatsApp customer (a phone); "VOLTAR" is ours only after a "SAIR" here. */
  private intent(e: StoredEvent): OptOutIntent | null {
    if (e.event.type !== 'message.created' || e.event.message.author.kind !== 'contact') return null;
    if (!this.w.channel.bound) return null;
    const intent = optOutIntent(e.event.message);
    if (intent?.action === 'in' && this.w.meta.get('opted_out') !== '1') return null;
    return intent;
  }

  /** "SAIR" on a closed ticket keeps it closed: it is not a new demand. */
  keepClosed(e: StoredEvent): boolean {
    return this.intent(e) !== null;
  }

  observe(e: StoredEvent): void {
    const intent = this.intent(e);
    if (!intent) return;
    const phone = this.w.channel.store.binding()?.to ?? null;
    if (!phone) return;
    this.lastHandledSeq = e.seq;
    // Stored in this append's synchronous step: the request survives an eviction before Postgres answers.
    this.w.meta.set('opted_out', intent.action === 'out' ? '1' : '0');
    const contactId = this.w.desk.summary(this.w.store.identity() ?? { tenantId: '', conversationId: '' })
      ?.contact.id;
    this.jobs.add({ kind: 'opt', seq: e.seq, ...intent, phone, contactId: contactId ?? null });
    this.kick();
  }

  /** True for the customer message just answered here (the bot must not take it as a new demand). */
  handled(seq: number): boolean {
    return this.lastHandledSeq === seq;
  }

  /** The outage the bot told about in this ticket: the inbox groups the conversation under it. */
  summary(ticket: TicketSnapshot | null): Partial<InboxSummary> {
    const outageId = ticket ? this.told.forTicket(ticket.ticketId) : null;
    return outageId ? { outageId } : {};
  }

  /** The bot told this customer about an outage (outage-first.ts): remembered here, recorded in Postgres. */
  recordTold(outageId: string, ticketId: string): void {
    const card = this.w.desk.summary(this.w.store.identity() ?? { tenantId: '', conversationId: '' });
    this.told.add(outageId, ticketId);
    this.jobs.add({
      kind: 'told',
      outageId,
      ticketId,
      contactId: card?.contact.id ?? null,
      phone: this.w.channel.store.binding()?.to ?? null,
      toldAt: new Date().toISOString(),
    });
    this.kick();
  }

  /** The summary's outage changed with no ticket event (the ticket already carried the tag). */
  summaryChanged(): void {
    this.w.desk.watcherChanged();
  }

  onAlarm(): Promise<void> | void {
    const next = this.jobs.nextDue();
    if (next !== null && next <= Date.now()) return this.run();
  }

  private kick(): void {
    this.w.ctx.waitUntil(this.run());
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.drain();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    const ref = this.w.store.identity();
    if (!ref) return;
    const due = this.jobs.due();
    if (due.length === 0) return;
    const dbs = openDatabases(this.w.env);
    try {
      for (const { key, job, attempts, createdMs } of due) {
        try {
          const done = await this.apply(ref.tenantId, ref.conversationId, dbs.primary, job);
          // No await from the commit's answer to here: the confirmation, the system line and the job's
          // removal are one storage step.
          this.jobs.done(key);
          if (done) this.answer(job, done);
        } catch (err) {
          const next = this.jobs.failed(key, attempts, createdMs);
          log(next === null ? 'error' : 'warn', 'outreach write failed', {
            ...ref,
            job: key,
            gaveUp: next === null,
            ...errorFields(err),
          });
          if (next !== null) this.w.clock.ensureBy(next);
          // Later jobs wait for this one: opt-out and opt-in must reach Postgres in the customer's order.
          if (job.kind === 'opt') break;
        }
      }
    } finally {
      this.w.ctx.waitUntil(dbs.close());
    }
  }

  /** The write; for an opt job, what to answer (null: the list did not change, nothing new to say). */
  private async apply(
    tenantId: string,
    conversationId: string,
    db: ReturnType<typeof openDatabases>['primary'],
    job: OutreachJob,
  ): Promise<{ isp: string; locale: 'pt-BR' | 'en' } | null> {
    return inTenant(db, tenantId, async (tx) => {
      if (job.kind === 'told') {
        await tx
          .insert(outageConversations)
          .values({
            tenantId,
            outageId: job.outageId,
            conversationId,
            contactId: job.contactId,
            ticketId: job.ticketId,
            phone: job.phone,
            toldAt: new Date(job.toldAt),
          })
          .onConflictDoNothing();
        return null;
      }
      const changed =
        job.action === 'out'
          ? await recordOptOut(tx, tenantId, {
              phone: job.phone,
              category: 'marketing',
              source: job.source,
              detail: job.word,
              contactId: job.contactId,
            })
          : await removeOptOut(tx, tenantId, job.phone, 'marketing');
      if (!changed) return null;
      const tenant = await tx.execute<{ name: string; locale: string }>(
        sql`select name, locale from tenants where id = ${tenantId}::uuid`,
      );
      const row = tenant.rows[0];
      return { isp: row?.name ?? '', locale: row?.locale === 'en' ? 'en' : 'pt-BR' };
    });
  }

  private answer(job: OutreachJob, how: { isp: string; locale: 'pt-BR' | 'en' }): void {
    if (job.kind !== 'opt') return;
    const sent = this.w.post({
      author: BOT_AUTHOR,
      clientId: `opt-${job.action}-${job.seq}`,
      text: optOutConfirmation(how.isp, job.action, how.locale),
    });
    if (!sent.ok)
      log('warn', 'opt-out confirmation not sent', { ...this.w.store.identity(), code: sent.code });
    this.append(
      {
        type: 'bot.activity',
        activity: {
          code: job.action === 'out' ? 'opted_out' : 'opted_in',
          params: { word: job.word.slice(0, 60) },
        },
      },
      null,
    );
  }
}
