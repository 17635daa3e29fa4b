// Adds a phone to the suppression list by hand (a customer asked on the phone, say): the number with its area
// code and the category; the server normalises it and records the agent as the source.
import { createSignal } from 'solid-js';
import type { OptOutCategory } from '../../../../workers/contract/campaigns';
import { AdminForm } from '../AdminForm';
import { useAdmin } from '../admin-context';
import { at } from '../admin-i18n';
import { addOptOut } from '../campaigns/campaigns-api';
import { SelectField, TextField } from '../fields';
import { Invalid } from '../form-errors';
import { createSave } from '../form-save';
import { ot } from './opt-outs-i18n';

/** Digits of a phone typed the Brazilian way; 10–13 digits is all a client can check (the server decides). */
export const phoneDigits = (s: string) => s.replace(/\D/g, '');

export function OptOutForm(props: { onSaved: (message: string) => void; onCancel: () => void }) {
  const admin = useAdmin();
  const [phone, setPhone] = createSignal('');
  const [category, setCategory] = createSignal<OptOutCategory>('marketing');
  const save = createSave({
    onSaved: props.onSaved,
    run: async () => {
      const digits = phoneDigits(phone());
      if (digits.length < 10 || digits.length > 13 || /[a-z]/i.test(phone())) {
        throw new Invalid({ fields: { phone: ot().badPhone }, form: at().form.invalid });
      }
      const r = await addOptOut(admin.token, { phone: phone().trim(), category: category() }).catch((err) => {
        const code = (err as { code?: string }).code;
        if (code === 'validation_failed')
          throw new Invalid({ fields: { phone: ot().badPhone }, form: at().form.invalid });
        throw err;
      });
      return ot().added(`+${r.phone}`);
    },
  });
  return (
    <AdminForm save={save} labelledBy="optout-form-title" title={ot().adding} onCancel={props.onCancel}>
      <TextField
        label={ot().phone}
        name="phone"
        value={phone()}
        onInput={setPhone}
        hint={ot().phoneHint}
        error={save.errors().fields.phone}
      />
      <SelectField
        label={ot().category}
        name="category"
        value={category()}
        options={(['marketing', 'utility'] as const).map((c) => ({ value: c, label: ot().categories[c] }))}
        onChange={setCategory}
      />
    </AdminForm>
  );
}
