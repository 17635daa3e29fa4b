// Knowledge base (admins and supervisors): the articles the AI answers from, newest first or searched, with
// an editor to add or change one, delete after a confirmation, and a box to try what the bot would retrieve.
import { createResource, createSignal } from 'solid-js';
import type { KnowledgeArticleSummary } from '../../../workers/contract';
import { AdminScreen } from './AdminScreen';
import { AdminTable, actionsColumn, type Column, DateCell, RowButtons } from './AdminTable';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { deleteArticle, listKnowledge } from './bot-settings-api';
import { bt } from './bot-settings-i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { TextField } from './fields';
import { KnowledgeForm } from './KnowledgeForm';
import { KnowledgeTry } from './KnowledgeTry';
import { createListScreen, EditSlot } from './list-screen';

export function KnowledgeScreen() {
  const admin = useAdmin();
  const [typed, setTyped] = createSignal('');
  const [query, setQuery] = createSignal('');
  const [articles, { refetch }] = createResource(
    () => ({ token: admin.token, q: query() }),
    ({ token, q }) => listKnowledge(token, q),
  );
  const screen = createListScreen<KnowledgeArticleSummary>(refetch);

  const askDelete = (item: KnowledgeArticleSummary) =>
    screen.askDelete(
      item,
      { message: bt().kb.confirmDelete(item.title), done: () => bt().kb.deleted(item.title) },
      () => deleteArticle(admin.token, item.id),
    );

  const columns: Column<KnowledgeArticleSummary>[] = [
    { header: () => bt().kb.titleField, cell: (a) => a.title },
    { header: () => bt().kb.body, cell: (a) => a.excerpt, class: 'admin-body' },
    { header: () => bt().kb.tagsColumn, cell: (a) => a.tags.join(', ') || at().none },
    {
      header: () => bt().kb.status,
      cell: (a) => (
        <span class={`admin-badge admin-${a.published ? 'healthy' : 'unhealthy'}`}>
          {a.published ? bt().kb.isPublished : bt().kb.isDraft}
        </span>
      ),
    },
    { header: () => bt().kb.updated, cell: (a) => <DateCell iso={a.updatedAt} /> },
    actionsColumn(
      (a) => <RowButtons name={a.title} onEdit={() => screen.open(a)} onDelete={() => askDelete(a)} />,
      'admin-row-actions',
    ),
  ];

  return (
    <AdminScreen
      titleId="kb-title"
      title={bt().kb.title}
      add={{ label: bt().kb.new, onClick: () => screen.open('new') }}
      status={screen.status()}
    >
      <p class="admin-hint">{bt().kb.intro}</p>
      <EditSlot editing={screen.editing()}>
        {(item) => <KnowledgeForm article={item} onCancel={screen.close} onSaved={screen.saved} />}
      </EditSlot>
      <form
        class="admin-search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(typed().trim());
        }}
      >
        <TextField label={bt().kb.search} name="q" value={typed()} onInput={setTyped} />
        <button type="submit">{bt().kb.searchButton}</button>
      </form>
      <AdminTable
        resource={articles}
        retry={refetch}
        rows={(data) => data.articles}
        labelledBy="kb-title"
        empty={query() ? bt().kb.noMatch : bt().kb.empty}
        columns={columns}
      />
      <KnowledgeTry />
      <ConfirmDialog request={screen.confirming()} onClose={screen.closeConfirm} />
    </AdminScreen>
  );
}
