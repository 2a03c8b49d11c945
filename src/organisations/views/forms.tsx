/** The operator's forms to add a board and a school; input is kept when the service refuses it. */
import { FormFrame, SelectField, TextField, fieldId, type FormError } from '../../http/forms.js';
import type { AppError } from '../../lib/errors.js';
import type { Board } from '../store.js';
import { organisationTexts as t } from './texts.js';

export type FormValues = Record<string, string>;

export interface FormState {
  values: FormValues;
  error: AppError | null;
}

export const emptyForm: FormState = { values: {}, error: null };

/** Which field an organisation error belongs to, so the message stands next to it. */
const errorFields: Record<string, string> = {
  'organisations.invalid_board_number': 'number',
  'organisations.board_exists': 'number',
  'organisations.board_not_found': 'boardNumber',
  'organisations.invalid_brin': 'brin',
  'organisations.school_exists': 'brin',
  'organisations.invalid_location_code': 'locationCode',
  'organisations.invalid_name': 'name',
};

function formErrors(form: string, state: FormState): { summary: FormError[]; byField: Record<string, string> } {
  if (!state.error) return { summary: [], byField: {} };
  const field = errorFields[state.error.code] ?? null;
  return {
    summary: [{ fieldId: field ? fieldId(form, field) : null, message: state.error.message }],
    byField: field ? { [field]: state.error.message } : {},
  };
}

export const BoardForm = (props: { state: FormState; csrfToken: string }) => {
  const form = 'bestuur';
  const { summary, byField } = formErrors(form, props.state);
  const v = props.state.values;
  return (
    <FormFrame action="/beheer/besturen" id="bestuur-toevoegen" legend={t.boardForm.legend} submit={t.boardForm.submit} errors={summary} csrfToken={props.csrfToken}>
      <TextField form={form} name="number" label={t.boardForm.number} hint={t.boardForm.numberHint} value={v.number} error={byField.number} required inputmode="numeric" maxlength={10} size={12} />
      <TextField form={form} name="name" label={t.boardForm.name} value={v.name} error={byField.name} required maxlength={128} size={40} />
    </FormFrame>
  );
};

export const SchoolForm = (props: { state: FormState; boards: Board[]; csrfToken: string }) => {
  const form = 'school';
  if (props.boards.length === 0) return <p>{t.schoolForm.needBoard}</p>;
  const { summary, byField } = formErrors(form, props.state);
  const v = props.state.values;
  const boards = props.boards.map((board) => ({ value: board.number, label: `${board.name} (${board.number})` }));
  return (
    <FormFrame action="/beheer/scholen" id="school-toevoegen" legend={t.schoolForm.legend} submit={t.schoolForm.submit} errors={summary} csrfToken={props.csrfToken}>
      <SelectField form={form} name="boardNumber" label={t.schoolForm.board} options={boards} placeholder={t.schoolForm.boardPlaceholder} value={v.boardNumber} error={byField.boardNumber} required />
      <TextField form={form} name="brin" label={t.schoolForm.brin} hint={t.schoolForm.brinHint} value={v.brin} error={byField.brin} required maxlength={4} size={6} />
      <TextField form={form} name="locationCode" label={t.schoolForm.locationCode} hint={t.schoolForm.locationCodeHint} value={v.locationCode} error={byField.locationCode} inputmode="numeric" maxlength={2} size={4} />
      <TextField form={form} name="name" label={t.schoolForm.name} value={v.name} error={byField.name} required maxlength={128} size={40} />
      <TextField form={form} name="schoolkey" label={t.schoolForm.schoolkey} value={v.schoolkey} maxlength={64} size={20} />
      <fieldset>
        <legend>{t.schoolForm.address}</legend>
        <TextField form={form} name="street" label={t.schoolForm.street} value={v.street} autocomplete="address-line1" maxlength={128} size={30} />
        <TextField form={form} name="houseNumber" label={t.schoolForm.houseNumber} value={v.houseNumber} maxlength={10} size={6} />
        <TextField form={form} name="houseNumberSuffix" label={t.schoolForm.houseNumberSuffix} value={v.houseNumberSuffix} maxlength={10} size={6} />
        <TextField form={form} name="postcode" label={t.schoolForm.postcode} value={v.postcode} autocomplete="postal-code" maxlength={7} size={8} />
        <TextField form={form} name="city" label={t.schoolForm.city} value={v.city} autocomplete="address-level2" maxlength={64} size={24} />
      </fieldset>
    </FormFrame>
  );
};
