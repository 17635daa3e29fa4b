// The widget form's identification group: "identified customers only" (a setting saved with the form) and the
// channel's identity secret — generated on demand (after a confirmation when one exists, since the old one
// stops working), shown once with a copy button, plus how the ISP's server signs a token with it.
import { createSignal, Show } from 'solid-js';
import type { WidgetChannelView } from '../../../../workers/contract';
import type { ConfirmRequest } from '../ConfirmDialog';
import { CheckboxField } from '../fields';
import { CopyButton } from './CopyButton';
import { rotateIdentitySecret } from './widget-admin-api';
import { wt } from './widget-admin-i18n';
import { Group, type GroupProps } from './widget-fields';

/** How the ISP's server signs a token (HS256 JWT): plain Node.js, no library. */
const SIGNING_EXAMPLE = `import { createHmac } from 'node:crypto';

const b64 = (o) =>
  Buffer.from(JSON.stringify(o)).toString('base64url');
const header = b64({ alg: 'HS256', typ: 'JWT' });
const claims = b64({
  sub: String(customer.id),
  name: customer.name,
  email: customer.email,
  phone: '+5511987654321',
  cpf: '52998224725',
  exp: Math.floor(Date.now() / 1000) + 15 * 60,
});
const signature = createHmac('sha256', process.env.FIO_WIDGET_SECRET)
  .update(\`\${header}.\${claims}\`)
  .digest('base64url');
const token = \`\${header}.\${claims}.\${signature}\`;
// then, on the page: Fio.identify(token)`;

export function IdentityGroup(
  props: GroupProps & {
    token: string;
    channel: WidgetChannelView | null;
    confirm: (req: ConfirmRequest) => void;
    onRotated: (message: string) => void;
    onFailed: (err: unknown) => void;
  },
) {
  const t = () => wt().identity;
  const [secret, setSecret] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let secretInput: HTMLTextAreaElement | undefined;
  let rotateButton: HTMLButtonElement | undefined;

  async function rotate(id: string) {
    setBusy(true);
    try {
      const r = await rotateIdentitySecret(props.token, id);
      setSecret(r.identitySecret);
      props.onRotated(t().rotated);
      queueMicrotask(() => {
        secretInput?.focus();
        secretInput?.select();
      });
    } catch (err) {
      props.onFailed(err);
    } finally {
      setBusy(false);
    }
  }

  function ask(c: WidgetChannelView) {
    // A first secret replaces nothing: no question to ask.
    if (!c.hasIdentitySecret) return void rotate(c.id);
    props.confirm({ message: t().confirmRotate, confirmLabel: t().rotate, onConfirm: () => rotate(c.id) });
  }

  function forget() {
    setSecret(null);
    rotateButton?.focus();
  }

  return (
    <Group legend={t().legend}>
      <CheckboxField
        label={t().verifiedOnly}
        name="verifiedOnly"
        checked={props.draft.verifiedOnly}
        onChange={(v) => props.set('verifiedOnly', v)}
        hint={t().verifiedOnlyHint}
      />
      <Show when={props.draft.verifiedOnly && !props.channel?.hasIdentitySecret && !secret()}>
        <p class="wgt-warning">{t().needsSecret}</p>
      </Show>
      <div class="wgt-secret">
        <h5>{t().secret}</h5>
        <Show when={props.channel} fallback={<p class="admin-hint">{t().saveFirst}</p>}>
          {(c) => (
            <>
              <p class="admin-hint">{c().hasIdentitySecret ? t().hasSecret : t().noSecret}</p>
              <Show when={secret()}>
                {(value) => (
                  <div class="wgt-shown-once">
                    <p>
                      <strong>{t().shownOnce}</strong> {t().shownOnceHelp}
                    </p>
                    <label for="wgt-secret-value">{t().secretValue}</label>
                    {/* A textarea, so the whole secret wraps into sight on any screen. */}
                    <textarea
                      id="wgt-secret-value"
                      ref={secretInput}
                      rows={2}
                      readonly
                      spellcheck={false}
                      value={value()}
                    />
                    <div class="admin-actions">
                      <CopyButton
                        text={value()}
                        label={t().copy}
                        copied={t().copied}
                        failed={wt().snippet.copyFailed}
                        select={() => secretInput}
                      />
                      <button type="button" onClick={forget}>
                        {t().done}
                      </button>
                    </div>
                  </div>
                )}
              </Show>
              <button type="button" ref={rotateButton} disabled={busy()} onClick={() => ask(c())}>
                {busy() ? t().rotating : t().rotate}
              </button>
            </>
          )}
        </Show>
        <details class="wgt-example">
          <summary>{t().example}</summary>
          <p class="admin-hint">{t().exampleIntro}</p>
          <p class="wgt-code-caption">{t().exampleCode}</p>
          <pre class="wgt-code">
            <code>{SIGNING_EXAMPLE}</code>
          </pre>
        </details>
      </div>
    </Group>
  );
}
