// Fetching media URLs for sends and for decrypt-media (undici, with the private-address guard).
export { UndiciMediaFetcher, type UndiciMediaFetcherOptions } from './undici-media-fetcher.js';
