// A list's three states in one place: loading, failed (with a retry), or its value (kept on screen while a
// refetch runs, so a save does not blank the table). Children get an accessor: a refetch updates them in place.
import { type Accessor, type JSX, Match, type Resource, Switch } from 'solid-js';
import { at } from './admin-i18n';

export function Loaded<T>(props: {
  resource: Resource<T>;
  retry: () => void;
  children: (value: Accessor<T>) => JSX.Element;
}) {
  return (
    <Switch fallback={<p aria-busy="true">{at().loading}</p>}>
      <Match when={props.resource.error}>
        <p role="alert" class="admin-error">
          {at().loadFailed}
        </p>
        <button type="button" onClick={() => props.retry()}>
          {at().retry}
        </button>
      </Match>
      <Match when={props.resource.latest}>{(value) => props.children(value)}</Match>
    </Switch>
  );
}
