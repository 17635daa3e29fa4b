// A cart the customer sent from the number's catalogue: each product with its quantity and price, and the
// total in the order's currency (BRL by default), formatted for the agent's language.
import { For, Show } from 'solid-js';
import type { SharedOrder } from '../../../workers/contract';
import { MediaIcon } from './MediaIcon';
import { formatMoney, mt } from './media-i18n';

export function OrderCard(props: { order: SharedOrder }) {
  const items = () => props.order.items;
  const currency = () => items().find((i) => i.currency)?.currency ?? 'BRL';
  const priced = () => items().every((i) => i.price !== null);
  const total = () => items().reduce((sum, i) => sum + (i.price ?? 0) * i.quantity, 0);
  return (
    <section class="order-card" aria-label={mt().order.heading}>
      <header>
        <MediaIcon name="cart" /> <strong>{mt().order.heading}</strong>{' '}
        <span class="muted">· {mt().order.items(items().length)}</span>
      </header>
      <table>
        <thead>
          <tr>
            <th scope="col">{mt().order.product}</th>
            <th scope="col">{mt().order.quantity}</th>
            <th scope="col">{mt().order.price}</th>
          </tr>
        </thead>
        <tbody>
          <For each={items()}>
            {(i) => (
              <tr>
                <td>{i.productId}</td>
                <td>{i.quantity}</td>
                <td>
                  {i.price !== null ? formatMoney(i.price * i.quantity, i.currency) : mt().order.noPrice}
                </td>
              </tr>
            )}
          </For>
        </tbody>
        <Show when={priced()}>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {mt().order.total}
              </th>
              <td>
                <strong>{formatMoney(total(), currency())}</strong>
              </td>
            </tr>
          </tfoot>
        </Show>
      </table>
    </section>
  );
}
