/**
 * The ECK iD capability's public face. hPGN and the request pipeline (hpgn/jobs helper),
 * the Nummervoorziening client and sandbox, and the readiness check each add their exports here.
 */
export { decodeSalt, hpgn, HPGN_PARAMS, HPGN_MAXMEM, TEST_ENVIRONMENT_SALT } from './hpgn.js';
