// Creates or rewrites a knowledge base article: title, text (with a live character count against the
// limit), tags (comma-separated) and whether it is published (only published ones reach the bot). The whole
// article is loaded first: the list carries only an excerpt.
import { createResource, createSignal } from 'solid-js';
import {
  KNOWLEDGE_BODY_MAX,
  KnowledgeArticleRequest,
  type KnowledgeArticleSummary,
  type KnowledgeArticleView,
} from '../../../workers/contract';
import { AdminForm } from './AdminForm';
import { useAdmin } from './admin-context';
import { createArticle, getArticle, replaceArticle } from './bot-settings-api';
import { bt } from './bot-settings-i18n';
import { CheckboxField, TextArea, TextField } from './fields';
import { valid } from './form-errors';
import { createSave } from './form-save';
import { Loaded } from './Loaded';

export function KnowledgeForm(props: {
  article: KnowledgeArticleSummary | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const admin = useAdmin();
  const summary = props.article;
  if (!summary) return <ArticleEditor article={null} onSaved={props.onSaved} onCancel={props.onCancel} />;
  const [full, { refetch }] = createResource(() => getArticle(admin.token, summary.id));
  return (
    <Loaded resource={full} retry={refetch}>
      {(a) => <ArticleEditor article={a()} onSaved={props.onSaved} onCancel={props.onCancel} />}
    </Loaded>
  );
}

function ArticleEditor(props: {
  article: KnowledgeArticleView | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const admin = useAdmin();
  const editing = props.article;
  const [title, setTitle] = createSignal(editing?.title ?? '');
  const [body, setBody] = createSignal(editing?.body ?? '');
  const [tags, setTags] = createSignal(editing?.tags.join(', ') ?? '');
  const [published, setPublished] = createSignal(editing?.published ?? true);

  const save = createSave({
    onSaved: (message) => props.onSaved(message),
    run: async () => {
      const value = valid(KnowledgeArticleRequest, {
        title: title(),
        body: body(),
        tags: tags()
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
        published: published(),
      });
      if (editing) {
        await replaceArticle(admin.token, editing.id, value);
        return bt().kb.saved(value.title);
      }
      await createArticle(admin.token, value);
      return bt().kb.created(value.title);
    },
  });

  // The shared field messages speak of canned responses; an article has its own limits.
  const fieldError = (field: string) =>
    save.errors().fields[field] ? bt().kb.fieldErrors[field] : undefined;
  const over = () => body().length > KNOWLEDGE_BODY_MAX;

  return (
    <AdminForm
      save={save}
      labelledBy="kb-form-title"
      title={editing ? bt().kb.editing(editing.title) : bt().kb.new}
      onCancel={() => props.onCancel()}
    >
      <TextField
        label={bt().kb.titleField}
        name="title"
        value={title()}
        onInput={setTitle}
        error={fieldError('title')}
      />
      <TextArea
        label={bt().kb.body}
        name="body"
        rows={12}
        value={body()}
        onInput={setBody}
        hint={bt().kb.bodyHint}
        describedBy="kb-body-counter"
        error={fieldError('body')}
      />
      <p id="kb-body-counter" class="admin-hint admin-counter" data-over={over() ? 'true' : 'false'}>
        {bt().kb.counter(body().length, KNOWLEDGE_BODY_MAX)}
      </p>
      <TextField
        label={bt().kb.tags}
        name="tags"
        value={tags()}
        onInput={setTags}
        error={fieldError('tags')}
      />
      <CheckboxField
        label={bt().kb.published}
        name="published"
        checked={published()}
        onChange={setPublished}
      />
    </AdminForm>
  );
}
