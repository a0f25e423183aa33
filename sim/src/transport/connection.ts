import type { WebSocket } from 'ws';
import { decodeFrame, encodeFrame, type BinaryNode } from '../binary/index.js';
import { FrameReader, frame } from './framing.js';
import { NoiseResponder, type HandshakeResult, type TransportCipher } from './noise.js';
import type { KeyPair } from '../cert/chain.js';

/** What a connection reports to the server that owns it. */
export interface ConnectionHost {
  onHandshake(conn: Connection, result: HandshakeResult): void;
  onStanza(conn: Connection, node: BinaryNode): void;
  onClose(conn: Connection): void;
  onError(conn: Connection, err: unknown): void;
}

let nextConnId = 1;

/**
 * One client WebSocket: frames in, Noise handshake, then binary nodes both ways. It knows nothing of
 * accounts; the host decides what each stanza means and what the connection's identity is.
 */
export class Connection {
  readonly id = nextConnId++;
  private readonly reader = new FrameReader();
  private noise: NoiseResponder | undefined;
  private cipher: TransportCipher | undefined;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly host: ConnectionHost,
    serverStatic: KeyPair,
    chain: (k: Uint8Array) => Uint8Array,
  ) {
    this.noise = new NoiseResponder(serverStatic, chain);
    ws.on('message', (data: Buffer) => this.onData(data));
    ws.on('close', () => this.finish());
    ws.on('error', (err) => host.onError(this, err));
  }

  get isOpen(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN;
  }

  private onData(data: Buffer): void {
    try {
      for (const f of this.reader.push(data)) this.onFrame(f);
    } catch (err) {
      this.host.onError(this, err);
      this.close();
    }
  }

  private helloDone = false;

  private onFrame(f: Buffer): void {
    if (this.cipher) {
      this.host.onStanza(this, decodeFrame(this.cipher.decrypt(f)));
      return;
    }
    const noise = this.noise!;
    if (!this.helloDone) {
      this.helloDone = true;
      this.ws.send(frame(noise.hello(f)));
      return;
    }
    const result = noise.finish(f);
    this.cipher = result.cipher;
    this.noise = undefined;
    this.host.onHandshake(this, result);
  }

  send(node: BinaryNode): void {
    if (!this.cipher || !this.isOpen) return;
    this.ws.send(frame(this.cipher.encrypt(encodeFrame(node))));
  }

  /** Sends `<stream:error>` (515 restart, 401 logged out, or a child such as `<conflict type=replaced/>`) and closes. */
  streamError(code?: string, childNode?: BinaryNode): void {
    const attrs: Record<string, string> = code ? { code } : {};
    this.send(childNode ? { tag: 'stream:error', attrs, content: [childNode] } : { tag: 'stream:error', attrs });
    this.close();
  }

  close(): void {
    if (this.closed) return;
    // Let the last frame leave before the socket goes away.
    setTimeout(() => this.ws.close(), 20).unref();
    this.finish();
  }

  /** Abrupt close, for shutdown. */
  terminate(): void {
    this.ws.terminate();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.host.onClose(this);
  }
}
