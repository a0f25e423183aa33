// Liveness and readiness, for /health and /ready and for orchestrators.
import { UpstreamError } from '../errors.js';
import type { Store } from '../ports/store.js';

export interface SystemServiceDeps {
  /** Only the repositories this service uses. */
  store: Pick<Store, 'dialect' | 'ping'>;
  version: string;
  /** This node's id (WAGATE_NODE_ID), named by /health. */
  nodeId: string;
  /** The WhatsApp Web client version the engine speaks as. */
  waWebVersion: string;
}

export class SystemService {
  constructor(private readonly deps: SystemServiceDeps) {}

  /** The WhatsApp Web client version sessions announce (whatsapp-web.js's getWWebVersion). */
  waWebVersion(): string {
    return this.deps.waWebVersion;
  }

  /** The process is up (no dependency is checked). */
  health(): { status: 'ok'; version: string; node: string } {
    return { status: 'ok', version: this.deps.version, node: this.deps.nodeId };
  }

  /** The store answers; throws 503 NOT_READY otherwise. */
  async ready(): Promise<{ status: 'ready'; store: 'sqlite' | 'postgres' }> {
    try {
      await this.deps.store.ping();
    } catch (cause) {
      throw new UpstreamError('NOT_READY', 'The database does not answer', { cause });
    }
    return { status: 'ready', store: this.deps.store.dialect };
  }
}
