// The state a list screen keeps beside its table: the item open in the form (or a new one), the last outcome
// line, and the question asked before a delete. A save or a delete refreshes the list.
import { createSignal, type JSX, Show } from 'solid-js';
import { at } from './admin-i18n';
import type { ConfirmRequest } from './ConfirmDialog';
import { fromApiError } from './form-errors';

/** A screen's last outcome, shown in its status line. */
export interface Status {
  message: string;
  error: boolean;
}

export function createListScreen<T extends { id: string }>(refetch: () => unknown) {
  const [editing, setEditing] = createSignal<T | 'new' | null>(null);
  const [status, setStatus] = createSignal<Status | null>(null);
  const [confirming, setConfirming] = createSignal<ConfirmRequest | null>(null);
  const fail = (err: unknown) =>
    setStatus({ message: fromApiError(err).form ?? at().form.failed, error: true });

  /** Opens the form afresh: closed first, so opening the row already open resets it. */
  function open(target: T | 'new') {
    setStatus(null);
    setEditing(null);
    setEditing(() => target);
  }

  function saved(message: string) {
    setEditing(null);
    setStatus({ message, error: false });
    void refetch();
  }

  /** Asks first; on yes runs `act`, then says `done` or why it failed, and refreshes the list either way. */
  function confirmThen(req: {
    message: string;
    confirmLabel: string;
    act: () => Promise<unknown>;
    done: () => string;
  }) {
    setStatus(null);
    setConfirming({
      message: req.message,
      confirmLabel: req.confirmLabel,
      onConfirm: async () => {
        try {
          await req.act();
          setStatus({ message: req.done(), error: false });
        } catch (err) {
          fail(err);
        }
        void refetch();
      },
    });
  }

  /** Deletes after a confirmation, closing the form if it was showing the deleted item. */
  function askDelete(
    item: T,
    texts: { message: string; done: () => string },
    remove: () => Promise<unknown>,
  ) {
    confirmThen({
      ...texts,
      confirmLabel: at().delete,
      act: async () => {
        await remove();
        const current = editing();
        if (current && current !== 'new' && current.id === item.id) setEditing(null);
      },
    });
  }

  return {
    editing,
    status,
    setStatus,
    fail,
    confirming,
    closeConfirm: () => setConfirming(null),
    open,
    close: () => setEditing(null),
    saved,
    confirmThen,
    askDelete,
  };
}

/** The open form, if any: the item being edited, or null for a new one; a new target mounts a fresh form. */
export function EditSlot<T>(props: { editing: T | 'new' | null; children: (item: T | null) => JSX.Element }) {
  return (
    <Show when={props.editing} keyed>
      {(target) => props.children(target === 'new' ? null : (target as T))}
    </Show>
  );
}
