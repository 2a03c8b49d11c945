/**
 * Typed application errors with stable codes. Each code has a Dutch message template in
 * `messages.ts` and an HTTP status here; the HTTP edge maps them once to problem+json
 * (APIs) or an error page (people). `test/error-catalogue.test.ts` checks the catalogue.
 */
import { errorMessages, type ErrorCode } from './messages.js';
import { catalogueStatus } from './error-codes/catalogue.js';
import { eckidStatus } from './error-codes/eckid.js';
import { privacyStatus } from './error-codes/privacy.js';
import { ssoStatus } from './error-codes/sso.js';
import { samlStatus } from './error-codes/saml.js';
import { nummervoorzieningStatus } from './error-codes/nummervoorziening.js';
import { eckidReadinessStatus } from './error-codes/eckid-readiness.js';
import { secretsStatus } from './error-codes/secrets.js';

export type { ErrorCode } from './messages.js';

/** HTTP status for each kind of error; the code's prefix picks nothing, the table does. */
export const errorStatus: Record<ErrorCode, number> = {
  'request.invalid': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'internal': 500,
  'auth.required': 401,
  'auth.forbidden': 403,
  'auth.link_invalid': 401,
  'csrf.invalid': 403,
  'not_found': 404,
  'organisations.board_exists': 409,
  'organisations.board_not_found': 404,
  'organisations.school_exists': 409,
  'organisations.school_not_found': 404,
  'organisations.invalid_brin': 400,
  'organisations.invalid_location_code': 400,
  'organisations.invalid_board_number': 400,
  'organisations.invalid_name': 400,
  'roster.file_refused': 422,
  'roster.school_not_found': 422,
  'roster.school_mismatch': 422,
  'roster.school_inactive': 422,
  'roster.import_not_found': 404,
  'roster.import_not_pending': 409,
  'roster.undo_not_possible': 409,
  'roster.undo_blocked': 409,
  'roster.token_invalid': 401,
  'roster.token_not_found': 404,
  'roster.apply_failed': 500,
  'cli.file_unreadable': 400,
  'cli.demo_reset_refused': 409,
  'cli.demo_in_production': 409,
  'server.address_in_use': 503,
  'server.address_unavailable': 503,
  'server.workers_need_postgres': 400,
  'database.unavailable': 503,
  'service.unavailable': 503,
  'staff.login_failed': 401,
  'staff.throttled': 429,
  'staff.link_invalid': 400,
  'staff.password_rejected': 400,
  'staff.invalid_email': 400,
  'staff.invalid_name': 400,
  'staff.invalid_role': 400,
  'staff.totp_invalid': 401,
  'staff.totp_not_available': 403,
  'staff.account_not_found': 404,
  'staff.status_forbidden': 403,
  'pupils.not_found': 404,
  'pupils.invalid_picture': 400,
  'pupils.invalid_ranges': 400,
  'pupils.ip_token_invalid': 401,
  'pupils.invalid_address': 400,
  'parents.child_name_missing': 400,
  'parents.child_not_found': 400,
  'parents.child_locked': 423,
  'parents.home_login_off': 403,
  'parents.child_not_linked': 404,
  'parents.account_not_found': 404,
  'mail.invalid_address': 400,
  'mail.send_failed': 503,
  'substitutes.invalid_period': 400,
  'substitutes.period_too_long': 400,
  'substitutes.no_groups': 400,
  'substitutes.no_invalgroep': 409,
  'substitutes.not_found': 404,
  ...catalogueStatus,
  ...privacyStatus,
  ...ssoStatus,
  ...eckidStatus,
  ...samlStatus,
  ...nummervoorzieningStatus,
  ...eckidReadinessStatus,
  ...secretsStatus,
};

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    /** Extra machine-readable detail (e.g. the list of file problems). */
    readonly details?: unknown,
  ) {
    super(formatMessage(code, params));
    this.status = errorStatus[code];
  }
}

export function formatMessage(code: ErrorCode, params: Record<string, string | number> = {}): string {
  return errorMessages[code].replace(/\{(\w+)\}/g, (_, name: string) =>
    params[name] === undefined ? `{${name}}` : String(params[name]),
  );
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
