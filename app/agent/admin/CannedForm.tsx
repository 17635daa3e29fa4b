// Creates or rewrites a canned response: shortcut, title and text, with the variables the text may use
// listed beside it (a click inserts one where the cursor is).
import { createSignal, For } from 'solid-js';
import { CANNED_VARIABLES, type CannedResponse, CannedResponseRequest } from '../../../workers/contract';
import { AdminForm } from './AdminForm';
import { createCanned, replaceCanned } from './admin-api';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { TextArea, TextField } from './fields';
import { valid } from './form-errors';
import { createSave } from './form-save';

export function CannedForm(props: {
  canned: CannedResponse | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const admin = useAdmin();
  const editing = props.canned;
  const [shortcut, setShortcut] = createSignal(editing?.shortcut ?? '');
  const [title, setTitle] = createSignal(editing?.title ?? '');
  const [body, setBody] = createSignal(editing?.body ?? '');
  let textArea: HTMLTextAreaElement | undefined;

  const save = createSave({
    onSaved: (message) => props.onSaved(message),
    conflict: () => ({ field: 'shortcut', message: at().canned.shortcutTaken }),
    run: async () => {
      // A leading slash is how agents type it; the shortcut itself is stored without it.
      const value = valid(CannedResponseRequest, {
        shortcut: shortcut().trim().replace(/^\//, ''),
        title: title(),
        body: body(),
      });
      if (editing) {
        await replaceCanned(admin.token, editing.id, value);
        return at().canned.updated(value.shortcut);
      }
      await createCanned(admin.token, value);
      return at().canned.created(value.shortcut);
    },
  });

  function insert(variable: string) {
    const token = `{{${variable}}}`;
    const el = textArea;
    const start = el?.selectionStart ?? body().length;
    const end = el?.selectionEnd ?? start;
    setBody(body().slice(0, start) + token + body().slice(end));
    el?.focus();
    el?.setSelectionRange(start + token.length, start + token.length);
  }

  return (
    <AdminForm
      save={save}
      labelledBy="canned-form-title"
      title={editing ? at().canned.editing(editing.shortcut) : at().canned.new}
      onCancel={() => props.onCancel()}
    >
      <TextField
        label={at().canned.shortcut}
        name="shortcut"
        value={shortcut()}
        onInput={setShortcut}
        hint={at().canned.shortcutHint}
        error={save.errors().fields.shortcut}
      />
      <TextField
        label={at().canned.titleField}
        name="title"
        value={title()}
        onInput={setTitle}
        error={save.errors().fields.title}
      />
      <TextArea
        label={at().canned.body}
        name="body"
        value={body()}
        onInput={setBody}
        ref={(el) => {
          textArea = el;
        }}
        hint={at().canned.variablesHelp}
        error={save.errors().fields.body}
      />
      <ul class="admin-variables" aria-label={at().canned.variablesHelp}>
        <For each={CANNED_VARIABLES}>
          {(v) => (
            <li>
              <button type="button" aria-label={at().canned.insert(v)} onClick={() => insert(v)}>
                <code>{`{{${v}}}`}</code>
              </button>{' '}
              <span>{at().canned.variables[v]}</span>
            </li>
          )}
        </For>
      </ul>
    </AdminForm>
  );
}
