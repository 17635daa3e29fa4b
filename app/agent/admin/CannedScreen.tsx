// Canned responses (admins and supervisors): the tenant's shortcuts with their text, forms to add or change
// one, delete after a confirmation.
import { createResource } from 'solid-js';
import type { CannedResponse } from '../../../workers/contract';
import { AdminScreen } from './AdminScreen';
import { AdminTable, actionsColumn, type Column, createdColumn, RowButtons } from './AdminTable';
import { deleteCanned, listCanned } from './admin-api';
import { useAdmin } from './admin-context';
import { at } from './admin-i18n';
import { CannedForm } from './CannedForm';
import { ConfirmDialog } from './ConfirmDialog';
import { createListScreen, EditSlot } from './list-screen';

export function CannedScreen() {
  const admin = useAdmin();
  const [canned, { refetch }] = createResource(() => admin.token, listCanned);
  const screen = createListScreen<CannedResponse>(refetch);

  const askDelete = (item: CannedResponse) =>
    screen.askDelete(
      item,
      { message: at().canned.confirmDelete(item.shortcut), done: () => at().canned.deleted(item.shortcut) },
      () => deleteCanned(admin.token, item.id),
    );

  const columns: Column<CannedResponse>[] = [
    { header: () => at().canned.shortcut, cell: (item) => <code>/{item.shortcut}</code> },
    { header: () => at().canned.titleField, cell: (item) => item.title },
    { header: () => at().canned.body, cell: (item) => item.body, class: 'admin-body' },
    createdColumn(),
    actionsColumn(
      (item) => (
        <RowButtons
          name={`/${item.shortcut}`}
          onEdit={() => screen.open(item)}
          onDelete={() => askDelete(item)}
        />
      ),
      'admin-row-actions',
    ),
  ];

  return (
    <AdminScreen
      titleId="canned-title"
      title={at().canned.title}
      add={{ label: at().canned.new, onClick: () => screen.open('new') }}
      status={screen.status()}
    >
      <EditSlot editing={screen.editing()}>
        {(item) => <CannedForm canned={item} onCancel={screen.close} onSaved={screen.saved} />}
      </EditSlot>
      <AdminTable
        resource={canned}
        retry={refetch}
        rows={(data) => data.cannedResponses}
        labelledBy="canned-title"
        empty={at().canned.empty}
        columns={columns}
      />
      <ConfirmDialog request={screen.confirming()} onClose={screen.closeConfirm} />
    </AdminScreen>
  );
}
