/** The Dutch error page: what happened, any file problems, and a way back. */
import type { AppError } from '../lib/errors.js';
import { Layout, type PageContext } from './layout.js';
import { FileProblemList, fileProblemsOf } from './problems.js';
import { statusTitle, ui } from './texts.js';

export const ErrorPage = (props: { error: AppError; context: PageContext }) => {
  const problems = fileProblemsOf(props.error.details);
  return (
    <Layout title={statusTitle(props.error.status)} context={props.context}>
      <p class="lead" data-code={props.error.code}>
        {props.error.message}
      </p>
      {problems ? <FileProblemList problems={problems} heading={ui.error.fileProblems} /> : null}
      <p>
        {props.context.actor ? <a href="/beheer">{ui.error.backToOperator}</a> : <a href="/">{ui.error.backToStart}</a>}
      </p>
    </Layout>
  );
};
