// Local media storage: bytes under <data dir>/media/ and type detection by magic numbers.
export { FsMediaBlobStore } from './fs-blob-store.js';
export { FileTypeDetector } from './file-type-detector.js';
