import { createCipheriv, createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import { sharedSecret } from '../crypto/curve.js';
import { proto } from 'baileys/WAProto/index.js';
import { newKeyPair, type KeyPair } from '../cert/chain.js';

/**
 * Noise_XX_25519_AESGCM_SHA256, responder side, exactly as Baileys runs it (wa-simulator.md §2.2):
 * one counter for both directions during the handshake, the name used as the initial hash, then a
 * split into per-direction transport keys with empty AAD.
 */
const NOISE_NAME = Buffer.from('Noise_XX_25519_AESGCM_SHA256\0\0\0\0');
export const WA_HEADER = Buffer.from([0x57, 0x41, 6, 3]);

function gcm(encrypt: boolean, key: Uint8Array, counter: number, data: Uint8Array, aad: Uint8Array): Buffer {
  const iv = Buffer.alloc(12);
  iv.writeUInt32BE(counter, 8);
  if (encrypt) {
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(aad);
    return Buffer.concat([c.update(data), c.final(), c.getAuthTag()]);
  }
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAAD(aad);
  d.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([d.update(data.subarray(0, data.length - 16)), d.final()]);
}

export class TransportCipher {
  private readCounter = 0;
  private writeCounter = 0;
  constructor(
    private readonly encKey: Uint8Array,
    private readonly decKey: Uint8Array,
  ) {}
  encrypt(plain: Uint8Array): Buffer {
    return gcm(true, this.encKey, this.writeCounter++, plain, Buffer.alloc(0));
  }
  decrypt(cipher: Uint8Array): Buffer {
    return gcm(false, this.decKey, this.readCounter++, cipher, Buffer.alloc(0));
  }
}

export interface HandshakeResult {
  /** The companion's long-term Noise static key (creds.noiseKey.public). */
  clientStatic: Uint8Array;
  payload: proto.ClientPayload;
  cipher: TransportCipher;
}

export class NoiseResponder {
  private hash: Buffer = NOISE_NAME;
  private chainKey: Buffer = NOISE_NAME;
  private key: Buffer = NOISE_NAME;
  private counter = 0;
  private readonly ephemeral: KeyPair = newKeyPair();

  constructor(
    private readonly serverStatic: KeyPair,
    private readonly certChain: (staticPub: Uint8Array) => Uint8Array,
  ) {
    this.mixHash(WA_HEADER);
  }

  private mixHash(data: Uint8Array): void {
    this.hash = createHash('sha256').update(this.hash).update(data).digest();
  }

  private mixKey(input: Uint8Array): void {
    const out = Buffer.from(hkdfSync('sha256', input, this.chainKey, Buffer.alloc(0), 64));
    this.chainKey = out.subarray(0, 32);
    this.key = out.subarray(32);
    this.counter = 0;
  }

  private encrypt(plain: Uint8Array): Buffer {
    const out = gcm(true, this.key, this.counter++, plain, this.hash);
    this.mixHash(out);
    return out;
  }

  private decrypt(cipher: Uint8Array): Buffer {
    const out = gcm(false, this.key, this.counter++, cipher, this.hash);
    this.mixHash(cipher);
    return out;
  }

  /** Takes the client's first handshake frame and returns the serverHello frame to send. */
  hello(frame: Uint8Array): Uint8Array {
    const msg = proto.HandshakeMessage.decode(frame);
    const clientEphemeral = msg.clientHello?.ephemeral;
    if (!clientEphemeral || clientEphemeral.length !== 32) throw new Error('handshake: no clientHello ephemeral');
    this.mixHash(clientEphemeral);
    this.mixHash(this.ephemeral.public);
    this.mixKey(sharedSecret(this.ephemeral.private, clientEphemeral));
    const staticCt = this.encrypt(this.serverStatic.public);
    this.mixKey(sharedSecret(this.serverStatic.private, clientEphemeral));
    const payloadCt = this.encrypt(this.certChain(this.serverStatic.public));
    return proto.HandshakeMessage.encode({
      serverHello: { ephemeral: this.ephemeral.public, static: staticCt, payload: payloadCt },
    }).finish();
  }

  /** Takes clientFinish; returns the client's static key, its ClientPayload and the transport. */
  finish(frame: Uint8Array): HandshakeResult {
    const fin = proto.HandshakeMessage.decode(frame).clientFinish;
    if (!fin?.static || !fin.payload) throw new Error('handshake: no clientFinish');
    const clientStatic = this.decrypt(fin.static);
    this.mixKey(sharedSecret(this.ephemeral.private, clientStatic));
    const payload = proto.ClientPayload.decode(this.decrypt(fin.payload));
    const keys = Buffer.from(hkdfSync('sha256', Buffer.alloc(0), this.chainKey, Buffer.alloc(0), 64));
    // The client writes with the first half; the server therefore reads with it.
    const cipher = new TransportCipher(keys.subarray(32), keys.subarray(0, 32));
    return { clientStatic: new Uint8Array(clientStatic), payload, cipher };
  }
}
