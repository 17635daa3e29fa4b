// One turn of the engine: the state being changed, the actions being emitted, the flow's steps by id, and
// how texts are filled in (placeholders, with documents only ever masked).
import type { BotActivityCode, BotFlow, FlowStep } from '../contract';
import { clipText } from '../contract/text';
import { maskDocument, maskDocumentsIn } from './documents';
import type { BotAction, BotContext, BotState } from './engine-types';
import { fillPlaceholders } from './format';

/** Runaway guard: more steps than this in one turn is a loop the checker missed (or an old flow). */
export const MAX_STEPS_PER_TURN = 25;

/** Engine-owned keys in `state.data`. */
export interface EngineData {
  started?: boolean;
  /** What the customer wrote before the bot could take it (the opening message, or while a tool ran): the
   *  next menu tries it, so "segunda via" sent first leads straight there once the customer is identified. */
  early?: string;
  /** A tool call or model answer the bot waits for. */
  pending?: { kind: 'tool'; callId: string; tool: string; stepId: string } | { kind: 'ai'; stepId: string };
  /** Call counter for callIds. */
  seq?: number;
  /** Vars holding a CPF/CNPJ (digits): rendered masked, used by find_customer. */
  documentVars?: string[];
  /** Set by an AI hand-off, used by the next handoff step. */
  handoffReason?: string;
  handoffTeamId?: string | null;
}

export class Turn {
  readonly actions: BotAction[] = [];
  readonly problems: string[] = [];
  steps = 0;
  guarded = false;
  private readonly byId: Map<string, FlowStep>;

  constructor(
    readonly flow: BotFlow,
    readonly state: BotState,
    readonly ctx: BotContext,
  ) {
    this.byId = new Map(flow.steps.map((s) => [s.id, s]));
  }

  get data(): EngineData & Record<string, unknown> {
    return this.state.data as EngineData & Record<string, unknown>;
  }

  step(id: string): FlowStep | undefined {
    return this.byId.get(id);
  }

  /** A var's value as a text may show it: documents masked, everything else as saved. */
  show(name: string): string | undefined {
    if (name === 'protocol') return this.ctx.protocol;
    const v = this.state.vars[name];
    if (v === undefined) return undefined;
    return this.data.documentVars?.includes(name) ? maskDocument(v) : maskDocumentsIn(v);
  }

  render(text: string): string {
    return fillPlaceholders(text, (n) => this.show(n));
  }

  /** Say a flow text (placeholders filled). */
  say(text: string, choices?: { id: string; title: string }[]): void {
    this.sayRaw(this.render(text), choices);
  }

  /** Say a text the engine wrote itself (no placeholders: ERP values must not be read as templates). */
  sayRaw(text: string, choices?: { id: string; title: string }[]): void {
    const t = text.trim();
    if (t === '') return;
    this.actions.push(
      choices && choices.length > 0 ? { kind: 'say', text: t, choices } : { kind: 'say', text: t },
    );
  }

  activity(code: BotActivityCode, params?: Record<string, string | number | null | undefined>): void {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(params ?? {}))
      if (v !== null && v !== undefined) clean[k] = clipText(String(v), 300);
    this.actions.push(
      Object.keys(clean).length > 0 ? { kind: 'activity', code, params: clean } : { kind: 'activity', code },
    );
  }

  en(): boolean {
    return this.ctx.locale === 'en';
  }
}

/** A choice button's title (WhatsApp lists allow 24 characters). */
export function choiceTitle(label: string): string {
  return label.length <= 24 ? label : `${clipText(label, 23)}…`;
}
