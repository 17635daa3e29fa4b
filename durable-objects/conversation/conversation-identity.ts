// Which conversation an object is. Its name is `tenantId:conversationId`; the first caller's claim is checked
// against the object id and against Postgres, scoped to the tenant, so an unknown or foreign id never gets
// storage. Once known, the identity lives in the object's storage. The same first read tells an object that
// wakes with empty storage for a conversation Postgres already has events of (its storage was lost) where
// its log continues (storage-recovery.ts): nothing is written before that read succeeds, so a Postgres that
// cannot answer makes the call fail (503, a retried webhook) instead of reusing seq 1.
import { isCanonicalUuid } from '../../workers/contract';
import type { Env } from '../../workers/env';
import { type ConversationRef, conversationObjectName } from '../../workers/services/conversation-names';
import { log } from '../../workers/services/log';
import type { ConversationStore } from './conversation-store';
import { type RecoveredState, readRecoveryState } from './storage-recovery';

/** Restores what the channel and desk sides keep of a recovered conversation (conversation.ts wires it). */
export type RecoverHook = (state: RecoveredState) => void;

export class ConversationIdentity {
  /** One Postgres read at a time for the first claim; concurrent first callers share it. */
  private claiming: Promise<RecoveredState | null> | null = null;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly store: ConversationStore,
    private readonly recover: RecoverHook = () => {},
  ) {}

  /** True when this object is conversation `ref`, checking Postgres the first time. */
  async ensure(ref: ConversationRef): Promise<boolean> {
    const known = this.store.identity();
    if (known) return same(known, ref);
    if (!this.isNamed(ref)) return false;
    return this.claim(ref, false);
  }

  /**
   * For callers that just read or created the row in Postgres (webhook routing, widget sessions, our own
   * queue): the claim is trusted once the name matches. The first claim of an empty object still reads
   * Postgres once, for the seq to continue after (0 for a new conversation).
   */
  async adopt(ref: ConversationRef): Promise<boolean> {
    const known = this.store.identity();
    if (known) return same(known, ref);
    if (!this.isNamed(ref)) return false;
    return this.claim(ref, true);
  }

  private async claim(ref: ConversationRef, trusted: boolean): Promise<boolean> {
    this.claiming ??= readRecoveryState(this.env, ref, (p) => this.ctx.waitUntil(p)).finally(() => {
      this.claiming = null;
    });
    const state = await this.claiming;
    // A concurrent first caller may have taken over meanwhile (and appended): never restore twice.
    const known = this.store.identity();
    if (known) return same(known, ref);
    if (!state && !trusted) return false;
    this.ctx.storage.transactionSync(() => {
      if (state && state.lastSeq > 0) {
        this.store.continueAfter(state.lastSeq);
        this.recover(state);
      }
      this.store.setIdentity(ref);
    });
    if (state && state.lastSeq > 0)
      log('warn', 'conversation object started empty; continued from Postgres', {
        ...ref,
        lastSeq: state.lastSeq,
      });
    return true;
  }

  /** Another spelling of the ids is not this object (and could not name one): refused before naming. */
  private isNamed(ref: ConversationRef): boolean {
    if (!isCanonicalUuid(ref.tenantId) || !isCanonicalUuid(ref.conversationId)) return false;
    const expected = this.env.CONVERSATIONS.idFromName(
      conversationObjectName(ref.tenantId, ref.conversationId),
    );
    return expected.equals(this.ctx.id);
  }
}

function same(a: ConversationRef, b: ConversationRef): boolean {
  return a.tenantId === b.tenantId && a.conversationId === b.conversationId;
}
