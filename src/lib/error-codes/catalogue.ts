/**
 * Error codes of the catalogue capability: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const catalogueMessages = {
} as const;

export const catalogueStatus: Record<keyof typeof catalogueMessages, number> = {
};
