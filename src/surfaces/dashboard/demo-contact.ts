// The offline demo's simulated contact: a simulated phone that reads every text it receives and
// answers it, so a newcomer sees a message go queued → sent → delivered → read and a reply come
// back. It polls the simulator's control API (a loopback call a second); simulator mode only.
import type { SimControl } from './sim-control.js';

export interface DemoContactOptions {
  sim: SimControl;
  phone: string;
  pollMs?: number;
  /** Problems are reported here and polling goes on (the simulator may be restarting). */
  onError?: (err: unknown) => void;
}

export function replyTo(text: string | undefined): string {
  const said = (text ?? '').trim();
  const quoted = said.length > 80 ? `${said.slice(0, 80)}…` : said;
  return quoted ? `Hi! I'm a simulated contact. You said: "${quoted}"` : "Hi! I'm a simulated contact.";
}

export class DemoContact {
  private timer: NodeJS.Timeout | null = null;
  private readonly answered = new Set<string>();
  private primed = false;
  private running: Promise<void> | null = null;

  constructor(private readonly opts: DemoContactOptions) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.running ??= this.poll().finally(() => (this.running = null));
    }, this.opts.pollMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One round: read and answer every text not answered yet. Messages from before start are left alone. */
  async poll(): Promise<void> {
    const { sim, phone } = this.opts;
    try {
      const inbox = await sim.inbox(phone);
      if (!this.primed) {
        inbox.forEach((m) => this.answered.add(m.id));
        this.primed = true;
        return;
      }
      for (const m of inbox) {
        if (this.answered.has(m.id)) continue;
        this.answered.add(m.id);
        if (m.type !== 'text') continue;
        await sim.markRead(phone, m.id);
        await sim.sendText(phone, m.from, replyTo(m.text));
      }
    } catch (err) {
      this.opts.onError?.(err);
    }
  }
}
