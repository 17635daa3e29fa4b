// The simulated customer taps a reply button or picks a list row of an interactive message the product sent:
// the webhook goes back in the sending provider's own shape (Cloud interactive button_reply / list_reply with
// context.id, Evolution buttonsResponseMessage / listResponseMessage, Uazapi's flattened response).
import { sendInbound } from './cloud-inbound';
import type { SimContext } from './context';
import { evolutionInbound, uazapiInbound } from './gateway-inbound';
import type { ChoiceInput, InboundResult, TapInput } from './types';

/** A tap the simulator cannot make: no such message, no such option, or a gateway tap without its channel. */
export class TapError extends Error {}

export async function customerTap(ctx: SimContext, input: TapInput): Promise<InboundResult> {
  const sent = ctx.state.sent().find((s) => s.externalId === input.externalId);
  if (!sent?.interactive) throw new TapError(`no interactive message ${input.externalId} was sent`);
  const option = sent.interactive.options.find((o) => o.id === input.optionId);
  if (!option) throw new TapError(`message ${input.externalId} has no option ${input.optionId}`);
  const choice: ChoiceInput = {
    kind: sent.interactive.kind === 'buttons' ? 'button' : 'list',
    id: option.id,
    title: option.title,
    ...(option.description ? { description: option.description } : {}),
  };
  const common = {
    from: sent.to,
    choice,
    replyTo: sent.externalId,
    ...(input.name ? { name: input.name } : {}),
  };
  if (sent.provider === 'cloud') return sendInbound(ctx, { phoneNumberId: sent.address, ...common });
  if (!input.channelId) throw new TapError('a gateway tap needs the channelId its webhook is posted to');
  if (sent.provider === 'evolution') {
    const apiKey = ctx.state.evolution.get(sent.address)?.apiKey ?? '';
    return evolutionInbound(ctx, { channelId: input.channelId, instance: sent.address, apiKey, ...common });
  }
  return uazapiInbound(ctx, { channelId: input.channelId, instanceToken: sent.address, ...common });
}
