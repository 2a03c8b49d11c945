/**
 * The Nummervoorziening interface as its WSDL (EckID 0.7-20171229, SOAP 1.1 document/literal,
 * WS-Addressing required) defines it: one table that both the client and the sandbox use,
 * and from which the sandbox generates a WSDL when the standards folder is absent.
 */
export const SID_NS = 'http://ketenid.nl/eck/schemas/v1_0';
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** WS-Addressing 1.0 (the namespace Kennisnet's reference clients use, per Edukoppeling). */
export const WSA_NS = 'http://www.w3.org/2005/08/addressing';
/** Edukoppeling: the sender is anonymous at the transport level and named by its OIN. */
export const WSA_ANONYMOUS_OIN_PREFIX = `${WSA_NS}/anonymous?oin=`;
/** The ECK iD format: this prefix and 128 lowercase hex characters. */
export const ECK_ID_PREFIX = 'https://ketenid.nl/201703/';
/** Where the production service lives (the WSDL's soap:address). */
export const PRODUCTION_LOCATION = 'https://service.ketenid.nl/eck/ws/201703';

export type OperationName =
  | 'ping'
  | 'retrieveStampseudonym'
  | 'retrieveEckId'
  | 'submitEckIdBatch'
  | 'submitStampseudonymBatch'
  | 'retrieveBatch'
  | 'replaceStampseudonym'
  | 'retrieveChains'
  | 'retrieveSectors';

export interface Operation {
  name: OperationName;
  /** soapAction in the binding, also the wsa:Action of the request. */
  action: string;
  requestElement: string;
  responseElement: string;
}

const op = (name: OperationName, requestElement: string, responseElement: string): Operation => ({
  name,
  action: `${SID_NS}/${name}`,
  requestElement,
  responseElement,
});

export const OPERATIONS: Readonly<Record<OperationName, Operation>> = Object.freeze({
  ping: op('ping', 'pingRequest', 'pingResponse'),
  retrieveStampseudonym: op('retrieveStampseudonym', 'retrieveStampseudonymRequest', 'retrieveStampseudonymResponse'),
  retrieveEckId: op('retrieveEckId', 'retrieveEckIdRequest', 'retrieveEckIdResponse'),
  submitEckIdBatch: op('submitEckIdBatch', 'submitEckIdBatchRequest', 'submitBatchResponse'),
  submitStampseudonymBatch: op('submitStampseudonymBatch', 'submitStampseudonymBatchRequest', 'submitBatchResponse'),
  retrieveBatch: op('retrieveBatch', 'retrieveBatchRequest', 'retrieveBatchResponse'),
  replaceStampseudonym: op('replaceStampseudonym', 'replaceStampseudonymRequest', 'replaceStampseudonymResponse'),
  retrieveChains: op('retrieveChains', 'retrieveChainsRequest', 'retrieveChainsResponse'),
  retrieveSectors: op('retrieveSectors', 'retrieveSectorsRequest', 'retrieveSectorsResponse'),
});

/**
 * The wsa:Action of a response. The WSDL names none, so the WS-Addressing WSDL binding's
 * default applies: targetNamespace/portType/operation + "Response". The client does not
 * insist on it (RelatesTo is what ties an answer to its request).
 */
export const responseAction = (operation: Operation): string => `${SID_NS}/EckIDPort/${operation.name}Response`;

export function operationByAction(action: string): Operation | undefined {
  return Object.values(OPERATIONS).find((candidate) => candidate.action === action);
}

/** hPGN: the scrypt hash of the PGN, 64 lowercase hex characters. */
export const HPGN_PATTERN = /^[0-9a-f]{64}$/;
/** OIN (Organisatie-identificatienummer): 20 digits. */
export const OIN_PATTERN = /^[0-9]{20}$/;
export const ECK_ID_PATTERN = /^https:\/\/ketenid\.nl\/201703\/[0-9a-f]{128}$/;
