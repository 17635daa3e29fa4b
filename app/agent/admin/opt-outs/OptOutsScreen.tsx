// "Descadastros": the tenant's suppression list, searchable by phone and filtered by category, with the
// source and date of each entry; a phone can be added by hand or removed after a confirmation.
import { createResource, createSignal, Show } from 'solid-js';
import type { OptOutCategory, OptOutView } from '../../../../workers/contract/campaigns';
import { AdminScreen } from '../AdminScreen';
import { AdminTable, actionsColumn, type Column, createdColumn } from '../AdminTable';
import { useAdmin } from '../admin-context';
import { ConfirmDialog } from '../ConfirmDialog';
import { listOptOuts, removeOptOut } from '../campaigns/campaigns-api';
import { SelectField, TextField } from '../fields';
import { createListScreen } from '../list-screen';
import { OptOutForm, phoneDigits } from './OptOutForm';
import { ot } from './opt-outs-i18n';
import '../campaigns/campaigns.css';

type Row = OptOutView & { id: string };

export function OptOutsScreen() {
  const admin = useAdmin();
  const [search, setSearch] = createSignal('');
  const [category, setCategory] = createSignal<OptOutCategory | ''>('');
  // The search waits for the typing to pause, so each key does not cost a request.
  const [query, setQuery] = createSignal({ phone: '', category: '' as OptOutCategory | '' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const typed = (v: string) => {
    setSearch(v);
    clearTimeout(timer);
    timer = setTimeout(() => setQuery({ phone: phoneDigits(v), category: category() }), 300);
  };
  const [list, { refetch }] = createResource(query, async (q) =>
    (await listOptOuts(admin.token, q)).optOuts.map((o) => ({ ...o, id: `${o.phone}|${o.category}` })),
  );
  const screen = createListScreen<Row>(refetch);
  const [adding, setAdding] = createSignal(false);

  const askRemove = (row: Row) =>
    screen.confirmThen({
      message: ot().removeQuestion(`+${row.phone}`, ot().categories[row.category]),
      confirmLabel: ot().remove,
      act: () => removeOptOut(admin.token, { phone: row.phone, category: row.category }),
      done: () => ot().removed(`+${row.phone}`),
    });

  const columns: Column<Row>[] = [
    { header: () => ot().phone, cell: (r) => <code>+{r.phone}</code> },
    { header: () => ot().contact, cell: (r) => r.contactName ?? '—' },
    { header: () => ot().category, cell: (r) => ot().categories[r.category] },
    { header: () => ot().source, cell: (r) => ot().sources[r.source] },
    { ...createdColumn<Row>(), header: () => ot().since },
    actionsColumn((r) => (
      <button
        type="button"
        class="admin-danger"
        aria-label={`${ot().remove} +${r.phone}`}
        onClick={() => askRemove(r)}
      >
        {ot().remove}
      </button>
    )),
  ];

  return (
    <AdminScreen
      titleId="optouts-title"
      title={ot().title}
      add={{
        label: ot().add,
        onClick: () => {
          screen.setStatus(null);
          setAdding(true);
        },
      }}
      status={screen.status()}
    >
      <p class="admin-hint">{ot().intro}</p>
      <Show when={adding()}>
        <OptOutForm
          onCancel={() => setAdding(false)}
          onSaved={(message) => {
            setAdding(false);
            screen.saved(message);
          }}
        />
      </Show>
      <search class="cmp-grid cmp-filters">
        <TextField label={ot().search} name="search" value={search()} onInput={typed} />
        <SelectField
          label={ot().category}
          name="category"
          value={category()}
          options={[
            { value: '' as const, label: ot().all },
            ...(['marketing', 'utility'] as const).map((c) => ({ value: c, label: ot().categories[c] })),
          ]}
          onChange={(c) => {
            setCategory(c);
            setQuery({ phone: phoneDigits(search()), category: c });
          }}
        />
      </search>
      <AdminTable
        resource={list}
        retry={refetch}
        rows={(rows) => rows}
        labelledBy="optouts-title"
        empty={query().phone ? ot().noMatch : ot().empty}
        columns={columns}
      />
      <ConfirmDialog request={screen.confirming()} onClose={screen.closeConfirm} />
    </AdminScreen>
  );
}
