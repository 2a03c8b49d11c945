/**
 * Error codes of the privacy capability: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const privacyMessages = {
} as const;

export const privacyStatus: Record<keyof typeof privacyMessages, number> = {
};
