// "Como verificar a assinatura": the delivery headers (names from the contract) and the HMAC recipe with a
// Node snippet, folded by default so the endpoints stay the screen's first thing.
import { For } from 'solid-js';
import { WEBHOOK_HEADERS } from '../../../../workers/contract/webhooks';
import { wt } from './webhooks-i18n';

const SNIPPET = `import { createHmac, timingSafeEqual } from 'node:crypto';

// rawBody: the request body exactly as received (a string, before JSON.parse)
function verify(secret, headers, rawBody) {
  const ts = headers['${WEBHOOK_HEADERS.timestamp}'];
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return false;
  const expected = 'v1=' + createHmac('sha256', secret).update(\`\${ts}.\${rawBody}\`).digest('hex');
  const got = String(headers['${WEBHOOK_HEADERS.signature}'] ?? '');
  return got.length === expected.length && timingSafeEqual(Buffer.from(got), Buffer.from(expected));
}`;

export function SignatureHelp() {
  const rows = () =>
    (Object.keys(WEBHOOK_HEADERS) as (keyof typeof WEBHOOK_HEADERS)[]).map((k) => ({
      name: WEBHOOK_HEADERS[k],
      meaning: wt().headers[k],
    }));
  return (
    <details class="wh-verify">
      <summary>{wt().verifyTitle}</summary>
      <p>{wt().verifyIntro}</p>
      <dl class="admin-facts">
        <For each={rows()}>
          {(r) => (
            <>
              <dt>
                <code>{r.name}</code>
              </dt>
              <dd>{r.meaning}</dd>
            </>
          )}
        </For>
      </dl>
      <p>{wt().recipe}</p>
      <pre class="wh-code" tabindex="0">
        <code>{SNIPPET}</code>
      </pre>
    </details>
  );
}
