import { node as mk, type BinaryNode } from '../binary/index.js';
import type { IqAnswer } from '../server/iq.js';
import { aboutOf, setAbout, setBlock, setPicture } from '../server/profile.js';
import type { Simulator } from '../server/simulator.js';
import type { AccountRecord } from '../state/types.js';
import { ControlError } from './errors.js';

export interface ProfileView {
  phone: string;
  lid: string;
  push_name?: string;
  about: string;
  picture_url?: string;
  /** Phone numbers this account blocked. */
  blocked: string[];
}

/**
 * The profile side of a simulated phone (control API): about, picture, push name, block list. Each
 * change is the IQ a device sends, run as device 0, so peers are notified as for Baileys' calls.
 */
export class ProfileControl {
  constructor(private readonly sim: Simulator) {}

  view(a: AccountRecord): ProfileView {
    return {
      phone: a.pn,
      lid: a.lid,
      ...(a.pushName ? { push_name: a.pushName } : {}),
      about: aboutOf(a).text,
      ...(a.picture ? { picture_url: a.picture.url } : {}),
      blocked: [...(a.blocked ?? [])],
    };
  }

  /** `{about?, push_name?, picture?: {base64} | null}` (null removes the picture). */
  update(a: AccountRecord, body: Record<string, unknown>): ProfileView {
    const actor = { pn: a.pn, device: 0 };
    if (body.about !== undefined) {
      if (typeof body.about !== 'string') throw new ControlError(400, 'INVALID_BODY', '"about" must be a string');
      this.ok(setAbout(this.sim, actor, this.iq('status', 'set', [mk('status', {}, Buffer.from(body.about, 'utf8'))])));
    }
    if (body.push_name !== undefined) {
      if (typeof body.push_name !== 'string' || !body.push_name)
        throw new ControlError(400, 'INVALID_BODY', '"push_name" must be a non-empty string');
      a.pushName = body.push_name;
      this.sim.store.changed();
    }
    if (body.picture !== undefined) {
      const base64 = (body.picture as { base64?: unknown } | null)?.base64;
      if (body.picture !== null && (typeof base64 !== 'string' || !base64))
        throw new ControlError(400, 'INVALID_BODY', '"picture" must be {base64} or null');
      const jpeg = typeof base64 === 'string' ? Buffer.from(base64.replace(/^data:[^,]*,/, ''), 'base64') : undefined;
      this.ok(
        setPicture(
          this.sim,
          actor,
          this.iq('w:profile:picture', 'set', jpeg ? [mk('picture', { type: 'image' }, jpeg)] : undefined),
        ),
      );
    }
    return this.view(a);
  }

  /** `{phone, action: block|unblock}`. */
  block(a: AccountRecord, phone: string, action: string): ProfileView {
    if (action !== 'block' && action !== 'unblock')
      throw new ControlError(400, 'INVALID_BODY', '"action" must be block or unblock');
    const target = this.sim.accounts.resolve(phone);
    if (!target) throw new ControlError(404, 'RECIPIENT_NOT_FOUND', `${phone} is not a simulated account`);
    this.ok(
      setBlock(
        this.sim,
        { pn: a.pn, device: 0 },
        this.iq('blocklist', 'set', [
          mk('item', { action, jid: `${target.lid}@lid`, pn_jid: `${target.pn}@s.whatsapp.net` }),
        ]),
      ),
    );
    return this.view(a);
  }

  private iq(xmlns: string, type: string, content?: BinaryNode[]): BinaryNode {
    return mk('iq', { xmlns, type, to: 's.whatsapp.net', id: this.sim.nextId() }, content);
  }

  private ok(answer: IqAnswer): void {
    if (answer !== 'none' && 'error' in answer)
      throw new ControlError(Number(answer.error.code) >= 500 ? 503 : 400, 'PROFILE_ERROR', answer.error.text);
  }
}
