/**
 * Form parts that keep labels, hints and errors tied to their field for screen readers
 * (label `for`, `aria-describedby`, `aria-invalid`), and an error summary that links to them.
 */
import type { Child } from 'hono/jsx';
import { ui } from './texts.js';

export interface FieldProps {
  name: string;
  label: string;
  /** Ids are prefixed per form, so two forms on one page never share an id. */
  form: string;
  value?: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

/** The hidden CSRF field every POST form carries (checked in `preValidation`, see plugins.ts). */
export const CsrfField = (props: { token: string }) => <input type="hidden" name="_csrf" value={props.token} />;

export const fieldId = (form: string, name: string) => `${form}-${name}`;

/** The ids and attributes a field's control needs to be read out with its hint and error. */
function describe(props: FieldProps) {
  const id = fieldId(props.form, props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return {
    id,
    hintId,
    errorId,
    control: {
      id,
      name: props.name,
      required: props.required,
      'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
      'aria-invalid': props.error ? 'true' : undefined,
    },
  };
}

/** Label, hint and error around one control. */
const FieldFrame = (props: { field: FieldProps; ids: ReturnType<typeof describe>; children: Child }) => (
  <div class={props.field.error ? 'field field-error' : 'field'}>
    <label for={props.ids.id}>
      {props.field.label} <span class="field-note">{props.field.required ? ui.required : ui.optional}</span>
    </label>
    {props.field.hint ? (
      <p class="hint" id={props.ids.hintId}>
        {props.field.hint}
      </p>
    ) : null}
    {props.field.error ? (
      <p class="error-message" id={props.ids.errorId}>
        {props.field.error}
      </p>
    ) : null}
    {props.children}
  </div>
);

export const TextField = (props: FieldProps & { autocomplete?: string; inputmode?: 'numeric' | 'text'; maxlength?: number; size?: number }) => {
  const ids = describe(props);
  return (
    <FieldFrame field={props} ids={ids}>
      <input type="text" {...ids.control} value={props.value ?? ''} autocomplete={props.autocomplete ?? 'off'} inputmode={props.inputmode} maxlength={props.maxlength} size={props.size} />
    </FieldFrame>
  );
};

export interface SelectOption {
  value: string;
  label: string;
}

export const SelectField = (props: FieldProps & { options: SelectOption[]; placeholder: string }) => {
  const ids = describe(props);
  return (
    <FieldFrame field={props} ids={ids}>
      <select {...ids.control}>
        <option value="">{props.placeholder}</option>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
};

export interface FormError {
  /** The field the error belongs to, or null for the form as a whole. */
  fieldId: string | null;
  message: string;
}

export const ErrorSummary = (props: { errors: FormError[] }) =>
  props.errors.length === 0 ? null : (
    <div class="error-summary" role="alert" tabindex={-1}>
      <h2>{ui.errorSummary}</h2>
      <ul>
        {props.errors.map((error) => (
          <li>{error.fieldId ? <a href={`#${error.fieldId}`}>{error.message}</a> : error.message}</li>
        ))}
      </ul>
    </div>
  );

export const Notice = (props: { message: string }) => (
  <div class="notice" role="status">
    <p>{props.message}</p>
  </div>
);

/** A POST form with its error summary, CSRF field, legend and submit button. */
export const FormFrame = (props: { action: string; legend: string; submit: string; errors: FormError[]; csrfToken: string; id?: string; children: Child }) => (
  <form method="post" action={props.action} id={props.id} novalidate>
    <ErrorSummary errors={props.errors} />
    <fieldset>
      <legend>{props.legend}</legend>
      <CsrfField token={props.csrfToken} />
      {props.children}
      <button type="submit">{props.submit}</button>
    </fieldset>
  </form>
);
