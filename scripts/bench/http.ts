// The benches' two ways into the stack from Node: a JSON POST with a deadline and an expected status, and a
// conversation socket's URL. Shared by the socket bench's targets and the agent bench's customers.
const HTTP_TIMEOUT_MS = 30_000;

export async function postJson<T>(url: string, body: unknown, expected: number): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  if (res.status !== expected)
    throw new Error(`POST ${new URL(url).pathname}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export function socketUrl(base: string, conversationId: string, token: string): string {
  return `${base.replace(/^http/, 'ws')}/ws/conversations/${conversationId}?token=${encodeURIComponent(token)}`;
}
