// A small client for the WhatsApp simulator's control API (sim/README.md), used only in simulator
// mode by the demo routes and the demo contact. It talks to the simulator over HTTP on loopback,
// so the dashboard surface never imports sim/ (STYLE §1).
import { InvalidError, UpstreamError } from '../../core/errors.js';

export interface SimInboxItem {
  id: string;
  from: string;
  type: string;
  text?: string;
  receipts?: string[];
}

const TIMEOUT_MS = 10_000;

export class SimControl {
  constructor(private readonly baseUrl: string) {}

  /** Creates the simulated account if it does not exist (the control API is idempotent). */
  async ensureAccount(phone: string, pushName: string): Promise<void> {
    await this.call('POST', '/sim/accounts', { phone, pushName });
  }

  /** The account's phone scans a QR shown by a session; resolves once linked. */
  async scan(phone: string, qr: string): Promise<{ jid: string }> {
    return (await this.call('POST', `/sim/accounts/${phone}/link`, { qr })) as { jid: string };
  }

  async sendText(phone: string, to: string, text: string): Promise<{ id: string }> {
    return (await this.call('POST', `/sim/accounts/${phone}/messages`, { to, text })) as { id: string };
  }

  async inbox(phone: string): Promise<SimInboxItem[]> {
    return (await this.call('GET', `/sim/accounts/${phone}/inbox`)) as SimInboxItem[];
  }

  async markRead(phone: string, id: string): Promise<void> {
    await this.call('POST', `/sim/accounts/${phone}/receipts`, { id, type: 'read' });
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch (cause) {
      throw new UpstreamError('SIMULATOR_UNAVAILABLE', 'The WhatsApp simulator did not answer', { cause });
    }
    const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    if (!res.ok) {
      const detail = json?.error
        ? `${json.error.code ?? 'ERROR'}: ${json.error.message ?? ''}`
        : `status ${res.status}`;
      if (res.status >= 500)
        throw new UpstreamError('SIMULATOR_UNAVAILABLE', `The WhatsApp simulator failed (${detail})`);
      throw new InvalidError(`The simulator refused: ${detail}`, { code: 'SIMULATOR_REFUSED' });
    }
    return json;
  }
}
