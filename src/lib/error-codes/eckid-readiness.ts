/**
 * Error codes of eckid-readiness: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const eckidReadinessMessages = {
} as const;

export const eckidReadinessStatus: Record<keyof typeof eckidReadinessMessages, number> = {
};
