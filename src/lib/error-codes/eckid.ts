/**
 * Error codes of the eckid capability: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const eckidMessages = {
} as const;

export const eckidStatus: Record<keyof typeof eckidMessages, number> = {
};
