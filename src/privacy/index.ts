/** The privacy capability's public face: other capabilities import only this. */
export { createPrivacyService, type PrivacyService } from './service.js';
export { receiptNumber } from './consents.js';
export type { SetAgreementInput } from './agreements.js';
export type { LedgerRow } from './ledger/index.js';
export type {
  Agreement,
  AgreementStatus,
  Authorization,
  ConsentReceipt,
  ConsentRow,
  DisclosureChannel,
  DisclosureInput,
  LedgerEntry,
  LedgerQuery,
  LedgerScope,
  PrivacyActor,
  PublisherDirectory,
  PublisherInfo,
  ReceiptContent,
  VerifyResult,
} from './types.js';
