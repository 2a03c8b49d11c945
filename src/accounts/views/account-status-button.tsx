/** One button that switches an account off or on again; the hidden part names whose account, for screen readers. */
import { CsrfField } from '../../http/forms.js';
import { staffTexts as s } from './staff-texts.js';

export const StatusButton = (props: { base: string; disabled: boolean; name: string; csrfToken: string }) => (
  <form method="post" action={`${props.base}/${props.disabled ? 'inschakelen' : 'uitschakelen'}`} class="inline">
    <CsrfField token={props.csrfToken} />
    <button type="submit">
      {props.disabled ? s.accountStatus.enable : s.accountStatus.disable}
      <span class="visually-hidden">{` – ${props.name}`}</span>
    </button>
  </form>
);
