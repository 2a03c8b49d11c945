/**
 * Error codes of eckid-readiness: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const eckidReadinessMessages = {
  'eckid_readiness.school_not_found': 'De school is niet gevonden.',
  'eckid_readiness.board_not_found': 'Het bestuur is niet gevonden.',
  'eckid_readiness.status_invalid': 'De ECK-status is niet goed: {detail}',
} as const;

export const eckidReadinessStatus: Record<keyof typeof eckidReadinessMessages, number> = {
  'eckid_readiness.school_not_found': 404,
  'eckid_readiness.board_not_found': 404,
  'eckid_readiness.status_invalid': 400,
};
