/**
 * The request pipeline's vocabulary: what it needs from the Nummervoorziening (an interface the
 * SOAP client fulfils, injected so the pipeline does not depend on how it is reached) and what
 * it tells the school (progress).
 */

/** The two calls a pupil's ECK iD needs; the client adds OIN, chain and sector. */
export interface EckidNumberService {
  /** hPGN → stampseudoniem (retrieveStampseudonym). */
  retrieveStampseudonym(hpgn: string, context: { schoolId: number }): Promise<string>;
  /** stampseudoniem → ECK iD for the school's chain and sector (retrieveEckId). */
  retrieveEckId(stampseudonym: string, context: { schoolId: number }): Promise<string>;
}

/**
 * How an error from the number service asks to be treated (the client's NummervoorzieningError
 * carries this as `retry`): 'never' ends the request as failed; the others wait and try again.
 */
export type RetryAdvice =
  | { kind: 'later'; afterMs: number }
  | { kind: 'tomorrow'; at: string }
  | { kind: 'poll'; afterMs: number }
  | { kind: 'never' };

export interface EckidRequestProgress {
  schoolId: number;
  /** Every request of the school (one per pupil who needed one). */
  total: number;
  /** ECK iD received. */
  done: number;
  /** Not needed after all: the LAS delivered an ECK iD meanwhile. */
  skipped: number;
  /** Still in the queue (hashing, asking, or waiting for a retry). */
  waiting: number;
  /** Ended without an ECK iD; `failures` says why, by error code. */
  failed: number;
  failures: Record<string, number>;
}

export interface EckidRequestSettings {
  schoolId: number;
  /** "Leerpoort vraagt ECK iD's aan" */
  requestsEnabled: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** The job that carries one pupil's request: only ids, never a number. */
export const REQUEST_JOB = 'eckid-request';
export interface RequestJobPayload {
  requestId: number;
  schoolId: number;
}
