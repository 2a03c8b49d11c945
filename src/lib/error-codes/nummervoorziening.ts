/**
 * Error codes of nummervoorziening: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const nummervoorzieningMessages = {
} as const;

export const nummervoorzieningStatus: Record<keyof typeof nummervoorzieningMessages, number> = {
};
