/**
 * The media host's CA and server certificate. With a data dir they persist there (media-ca.pem,
 * media-ca.key, media-server.pem, media-server.key), so a gateway that trusts the CA once keeps
 * trusting it across simulator restarts; the server certificate is re-issued when it no longer
 * covers the hosts or is about to expire. Without a data dir they live for one run.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { issueCa, issueServer, type Issued } from './x509.js';

export interface MediaCerts {
  ca: Issued;
  server: Issued;
  /** Where the CA certificate is on disk, when persisted. */
  caPath?: string;
}

const FILES = { caCert: 'media-ca.pem', caKey: 'media-ca.key', cert: 'media-server.pem', key: 'media-server.key' };
const RENEW_BEFORE_MS = 30 * 86_400_000;

function covers(pem: string, hosts: string[]): boolean {
  const cert = new X509Certificate(pem);
  if (Date.parse(cert.validTo) - Date.now() < RENEW_BEFORE_MS) return false;
  return hosts.every((h) => (isIP(h) ? cert.checkIP(h) : cert.checkHost(h)) !== undefined);
}

export function loadOrCreateCerts(dir: string | undefined, hosts: string[]): MediaCerts {
  if (!dir) {
    const ca = issueCa();
    return { ca, server: issueServer(ca, hosts) };
  }
  mkdirSync(dir, { recursive: true });
  const p = (f: string): string => join(dir, f);
  let ca: Issued;
  if (existsSync(p(FILES.caCert)) && existsSync(p(FILES.caKey))) {
    ca = { certPem: readFileSync(p(FILES.caCert), 'utf8'), keyPem: readFileSync(p(FILES.caKey), 'utf8') };
  } else {
    ca = issueCa();
    writeFileSync(p(FILES.caKey), ca.keyPem, { mode: 0o600 });
    writeFileSync(p(FILES.caCert), ca.certPem);
  }
  let server: Issued | undefined;
  if (existsSync(p(FILES.cert)) && existsSync(p(FILES.key))) {
    const certPem = readFileSync(p(FILES.cert), 'utf8');
    const issued = new X509Certificate(certPem).verify(new X509Certificate(ca.certPem).publicKey);
    if (issued && covers(certPem, hosts)) server = { certPem, keyPem: readFileSync(p(FILES.key), 'utf8') };
  }
  if (!server) {
    server = issueServer(ca, hosts);
    writeFileSync(p(FILES.key), server.keyPem, { mode: 0o600 });
    writeFileSync(p(FILES.cert), server.certPem);
  }
  return { ca, server, caPath: p(FILES.caCert) };
}
