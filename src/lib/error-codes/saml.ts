/**
 * Error codes of saml: Dutch text for people and HTTP status, side by side.
 * Merged into the one catalogue in lib/messages.ts and lib/errors.ts.
 */
export const samlMessages = {
} as const;

export const samlStatus: Record<keyof typeof samlMessages, number> = {
};
