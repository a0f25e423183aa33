// SessionRouter in process: every session is held here, so a command goes straight to this node's
// RuntimeManager. The closures over a live engine (withEngine) stay on this side of the seam.
import type { Engine, InboundMediaDownload, InboundMessage } from '../ports/engine.js';
import type { GroupCommand, GroupCommandResult } from '../ports/group-engine.js';
import type { ChannelCommand, ChannelCommandResult } from '../ports/channel-engine.js';
import type { PeopleCommand, PeopleCommandResult } from '../ports/people-engine.js';
import type {
  SessionCommand,
  SessionCommandResult,
  SessionRouter,
  SessionSnapshot,
  SessionTarget,
} from '../ports/session-router.js';
import type { RuntimeManager } from './runtime-manager.js';
import type { RuntimeSessionRef, RuntimeSnapshot } from './runtime.types.js';

function snapshotJson(s: RuntimeSnapshot | null): SessionSnapshot | null {
  return (
    s && {
      status: s.status,
      qr: s.qr && { qr: s.qr.qr, expiresAt: s.qr.expiresAt.toISOString() },
      identity: s.identity,
    }
  );
}

export class LocalSessionRouter implements SessionRouter {
  constructor(private readonly runtimes: RuntimeManager) {}

  async dispatch<C extends SessionCommand>(target: SessionTarget, command: C): Promise<SessionCommandResult<C>> {
    return (await this.run(target, command)) as SessionCommandResult<C>;
  }

  /**
   * Downloads an inbound message's media on the session's live engine. Not a routed command: the
   * receive path that asks for it runs on the node that holds the session.
   */
  downloadInbound(ref: RuntimeSessionRef, message: InboundMessage): Promise<InboundMediaDownload | null> {
    return this.runtimes.withEngine(ref, 'connected', (engine) => engine.downloadMedia(message));
  }

  private async run(target: SessionTarget, c: SessionCommand): Promise<SessionCommandResult<SessionCommand>> {
    const ref = { accountId: target.accountId, sessionId: target.sessionId };
    const runtime = () => this.runtimes.runtime(ref, target.status);
    const engine = (fn: (e: Engine) => Promise<unknown>) => this.runtimes.withEngine(ref, target.status, fn);
    switch (c.op) {
      case 'connect':
        return runtime()
          .connect()
          .then(() => null);
      case 'disconnect':
        return runtime()
          .disconnect()
          .then(() => null);
      case 'restart':
        return runtime()
          .restart()
          .then(() => null);
      case 'logout':
        return runtime()
          .logout()
          .then(() => null);
      case 'remove':
        return this.runtimes.remove(ref, target.status).then(() => null);
      case 'markStale':
        return runtime()
          .markStale(c.reason)
          .then(() => null);
      case 'snapshot':
        return snapshotJson(this.runtimes.snapshot(target.sessionId));
      case 'pairingCode':
        return { code: await runtime().requestPairingCode(c.phone) };
      case 'kick':
        this.runtimes.kick(target.sessionId);
        return null;
      case 'settingsChanged':
        this.runtimes.settingsChanged(target.sessionId, c.settings, c.fields);
        return null;
      case 'edit':
        return engine((e) => e.edit(c.ref, c.text)).then(() => null);
      case 'revoke':
        return engine((e) => e.revoke(c.ref)).then(() => null);
      case 'react':
        return engine((e) => e.react(c.ref, c.emoji)).then(() => null);
      case 'star':
        return engine((e) => e.star(c.ref, c.starred)).then(() => null);
      case 'markRead':
        return engine((e) => e.markRead(c.refs)).then(() => null);
      case 'presence':
        return engine((e) => e.sendPresence(c.presence, c.to ?? undefined)).then(() => null);
      case 'group':
        return engine((e) => e.group(c.command)) as Promise<GroupCommandResult<GroupCommand>>;
      case 'people':
        return engine((e) => e.people(c.command)) as Promise<PeopleCommandResult<PeopleCommand>>;
      case 'chat':
        return engine((e) => e.chat(c.command)).then(() => null);
      case 'history':
        return engine((e) => e.fetchHistory(c.request)).then((requestId) => ({ requestId: String(requestId) }));
      case 'channel':
        return engine((e) => e.channel(c.command)) as Promise<ChannelCommandResult<ChannelCommand>>;
    }
  }
}
