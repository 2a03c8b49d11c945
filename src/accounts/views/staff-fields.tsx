/** Fields the shared form kit has no control for: e-mail and password inputs with their labels. */
import { fieldId } from '../../http/forms.js';

export const InputField = (props: {
  form: string;
  name: string;
  label: string;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  value?: string;
  hint?: string;
  error?: string;
  inputmode?: 'numeric';
}) => {
  const id = fieldId(props.form, props.name);
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={props.error ? 'field field-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p class="error-message" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
      <input
        type={props.type}
        id={id}
        name={props.name}
        value={props.value ?? ''}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        required
        aria-describedby={described || undefined}
        aria-invalid={props.error ? 'true' : undefined}
      />
    </div>
  );
};
