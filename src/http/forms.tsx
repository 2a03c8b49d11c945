/**
 * Form parts that keep labels, hints and errors tied to their field for screen readers
 * (label `for`, `aria-describedby`, `aria-invalid`), and an error summary that links to them.
 */
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
  autocomplete?: string;
  inputmode?: 'numeric' | 'text';
  maxlength?: number;
  size?: number;
}

export const fieldId = (form: string, name: string) => `${form}-${name}`;

export const TextField = (props: FieldProps) => {
  const id = fieldId(props.form, props.name);
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>
        {props.label} <span class="field-note">{props.required ? ui.required : ui.optional}</span>
      </label>
      {props.hint ? (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={errorId}>
          {props.error}
        </p>
      ) : null}
      <input
        type="text"
        id={id}
        name={props.name}
        value={props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete ?? 'off'}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        size={props.size}
        aria-describedby={describedBy}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
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

export interface SelectOption {
  value: string;
  label: string;
}

export const SelectField = (props: Omit<FieldProps, 'autocomplete' | 'inputmode' | 'maxlength' | 'size'> & { options: SelectOption[]; placeholder: string }) => {
  const id = fieldId(props.form, props.name);
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>
        {props.label} <span class="field-note">{props.required ? ui.required : ui.optional}</span>
      </label>
      {props.error ? (
        <p class="error-message" id={errorId}>
          {props.error}
        </p>
      ) : null}
      <select id={id} name={props.name} required={props.required} aria-describedby={errorId} aria-invalid={props.error ? 'true' : undefined}>
        <option value="">{props.placeholder}</option>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
};
