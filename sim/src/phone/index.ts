export { SimPhone, PairingError, NotOnWhatsAppError } from './sim-phone.js';
export type { SimPhoneJSON, KeyBundleUpload, InboxEntry, SentMessage, UnhandledStanza, QrData } from './sim-phone.js';
export type { PhoneNetwork, PreKeyBundle, AccountAddress, MaybePromise } from './network.js';
export { parseQr, QrError } from './qr.js';
