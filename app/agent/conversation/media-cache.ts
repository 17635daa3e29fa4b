// Previews of a conversation's files, fetched once: a row scrolled out of the virtualised timeline and back, or
// the viewer opening a picture its thumbnail already has, reuses the same object URL. Bounded: past MAX the
// least recently used are revoked. A failed load is not kept, so the next look tries again.
import { loadPreview, type Preview } from './attachment-file';

const MAX = 40;
const cache = new Map<string, Promise<Preview | null>>();

export function cachedPreview(token: string, conversationId: string, key: string): Promise<Preview | null> {
  const id = `${conversationId}/${key}`;
  const hit = cache.get(id);
  if (hit) {
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  const loading = loadPreview(token, conversationId, key).catch(() => null);
  cache.set(id, loading);
  void loading.then((p) => {
    if (!p && cache.get(id) === loading) cache.delete(id);
  });
  while (cache.size > MAX) {
    const oldest = cache.keys().next().value as string;
    const evicted = cache.get(oldest);
    cache.delete(oldest);
    void evicted?.then((p) => p && URL.revokeObjectURL(p.url));
  }
  return loading;
}
