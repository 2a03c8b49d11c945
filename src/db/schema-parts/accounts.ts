/**
 * Row types added by the accounts hardening migration (008). The accounts tables themselves
 * were declared in ../schema.ts before schema parts existed, so the new columns are added
 * there by module augmentation instead of by editing that file.
 */

declare module '../schema.js' {
  interface StaffAccountTable {
    /** RFC 6238 step of the last accepted TOTP code; a code of this or an earlier step is refused. */
    totp_last_step: number | null;
  }
  interface PupilCredentialTable {
    /** The card token sealed with the secret box (purpose 'pupils.card'), for reprinting. */
    card_token_sealed: string | null;
  }
  interface Database {
    attempt_buckets: AttemptBucketTable;
  }
}

/** Attempts counted for `key` in one bucket (bucket = floor(epoch ms / bucket length)). */
export interface AttemptBucketTable {
  key: string;
  bucket: number;
  count: number;
}
