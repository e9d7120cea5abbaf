export { LocalFileStore } from './local-store.js';
export { sniffMediaType } from './sniff.js';
export type { FileStore, StoredFile, PutOptions } from './store.js';
export { receiveFile, sendStoredFile, uploadRoutes, contentDisposition, type ReceivedFile } from './http.js';
