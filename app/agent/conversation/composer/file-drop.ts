// Files dropped on the composer or pasted into it (a screenshot from the clipboard): the handlers and
// whether a drag with files is over the composer (it then shows a drop zone).
import { createSignal } from 'solid-js';

const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

export function createFileDrop(enabled: () => boolean, onFile: (file: File) => void) {
  const [dragging, setDragging] = createSignal(false);
  // dragenter/dragleave fire for every child crossed: count them so the zone stays while inside.
  let depth = 0;
  const reset = () => {
    depth = 0;
    setDragging(false);
  };
  return {
    dragging,
    handlers: {
      onDragEnter: (e: DragEvent) => {
        if (!enabled() || !hasFiles(e)) return;
        e.preventDefault();
        depth++;
        setDragging(true);
      },
      onDragOver: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        // Always taken, so a file dropped here never replaces the app with itself; refused when closed.
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = enabled() ? 'copy' : 'none';
      },
      onDragLeave: () => {
        depth = Math.max(0, depth - 1);
        if (depth === 0) setDragging(false);
      },
      onDrop: (e: DragEvent) => {
        reset();
        const file = e.dataTransfer?.files?.[0];
        if (!file) return;
        e.preventDefault();
        if (enabled()) onFile(file);
      },
    },
    /** For the textarea: a pasted file (an image from the clipboard) is attached instead of pasted. */
    onPaste: (e: ClipboardEvent) => {
      if (!enabled()) return;
      const file = e.clipboardData?.files?.[0];
      if (!file) return;
      e.preventDefault();
      onFile(file);
    },
  };
}
