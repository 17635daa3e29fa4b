// What an agent typed but did not send, per conversation, kept across reloads (localStorage).
const key = (conversationId: string) => `fio.draft.${conversationId}`;

export function loadDraft(conversationId: string): string {
  return localStorage.getItem(key(conversationId)) ?? '';
}

export function saveDraft(conversationId: string, text: string): void {
  if (text) localStorage.setItem(key(conversationId), text);
  else localStorage.removeItem(key(conversationId));
}
