// A signal that turns true once an element comes near the viewport: files load only for the rows an agent
// actually scrolls to, not for a whole conversation's history at once.
import { type Accessor, createSignal, onCleanup } from 'solid-js';

export function whenVisible(margin = '300px'): [Accessor<boolean>, (el: Element) => void] {
  const [seen, setSeen] = createSignal(false);
  let observer: IntersectionObserver | undefined;
  const ref = (el: Element) => {
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          observer?.disconnect();
        }
      },
      { rootMargin: margin },
    );
    observer.observe(el);
  };
  onCleanup(() => observer?.disconnect());
  return [seen, ref];
}
