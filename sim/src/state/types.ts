import type { NodeJson } from '../binary/json.js';

/** Byte fields are base64 in the JSON state file. */
export interface SignedPreKeyRecord {
  keyId: number;
  publicKey: string;
  signature: string;
}

/** What the server knows of one Signal device's keys (device 0 is the phone). */
export interface BundleRecord {
  registrationId: number;
  identityKey: string;
  signedPreKey: SignedPreKeyRecord;
  /** One-time prekeys still on offer: keyId → public key. */
  preKeys: Record<string, string>;
}

export interface CompanionRecord {
  id: number;
  /** The companion's Noise static key: every login must present the same one (design §2.2). */
  noiseKey: string;
  keyIndex: number;
  platform: string;
  /** ADVSignedDeviceIdentity as the phone verified it. */
  signedDeviceIdentity: string;
  linkedAt: number;
  bundle: BundleRecord;
}

/** A profile or group picture: the JPEG is stored on the media host, served as is. */
export interface PictureRecord {
  id: string;
  url: string;
  directPath: string;
}

export interface AccountRecord {
  pn: string;
  lid: string;
  pushName?: string;
  /** The "about" text (usync `status`) and when it was set (ms). */
  about?: { text: string; at: number };
  picture?: PictureRecord;
  /** PNs this account blocked: their messages to it are accepted (server ack) and never delivered. */
  blocked?: string[];
  /** App-state collections: name → SyncdPatch (base64), version n at index n-1 (server/app-state.ts). */
  appState?: Record<string, string[]>;
  createdAt: number;
  /** SimPhone.toJSON() output, opaque to the server. */
  phone?: unknown;
  phoneBundle?: BundleRecord;
  companions: CompanionRecord[];
  nextDeviceId: number;
}

/** A member of a group: the account (by PN) and its role. */
export interface GroupMember {
  pn: string;
  role?: 'admin' | 'superadmin';
}

/** A group as the server keeps it (design §8.1); always LID-addressed, as WhatsApp's are now. */
export interface GroupRecord {
  /** The user part of `<id>@g.us`. */
  id: string;
  subject: string;
  subjectBy: string;
  subjectAt: number;
  creator: string;
  createdAt: number;
  description?: { id: string; text: string; by: string; at: number };
  /** Only admins send (`announcement`). */
  announce: boolean;
  /** Only admins edit the group info (`locked`). */
  restrict: boolean;
  joinApproval: boolean;
  memberAddMode: 'admin_add' | 'all_member_add';
  ephemeral?: number;
  inviteCode: string;
  members: GroupMember[];
  /** People waiting for an admin's approval to join (join approval on), oldest first; `at` in ms. */
  requests?: { pn: string; at: number }[];
  picture?: PictureRecord;
}

/** A channel (newsletter): the owner posts, followers receive (server/newsletters.ts). */
export interface NewsletterRecord {
  /** The user part of `<id>@newsletter`. */
  id: string;
  name: string;
  description: string;
  owner: string;
  createdAt: number;
  invite: string;
  followers: string[];
  muted: string[];
  /** The last `server_id` given to a post. */
  lastServerId: number;
}

export interface StateFile {
  version: 1;
  accounts: AccountRecord[];
  groups?: GroupRecord[];
  newsletters?: NewsletterRecord[];
  /** Stanzas a device has not acknowledged (never written, or written and unanswered), keyed `pn:device`. */
  queues: Record<string, NodeJson[]>;
}
