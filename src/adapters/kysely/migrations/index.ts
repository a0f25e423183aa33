// Every migration, by name, in order. A static map (not a folder scan) so it works the same from
// dist/ and under tsx. Add new ones at the end: `'0002_engine': m0002`.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_engine.js';
import * as m0003 from './0003_outbox_webhooks.js';
import * as m0004 from './0004_media.js';
import * as m0005 from './0005_message_actions.js'; // H5: message actions
import * as m0006 from './0006_session_last_error.js';
import * as m0007 from './0007_media_by_account.js'; // issue 10: storage quota
import * as m0008 from './0008_chats.js'; // issue 12: chat state
import * as m0009 from './0009_contacts.js'; // issue 12: contacts
import * as m0010 from './0010_labels.js'; // issue 12: labels
import * as m0011 from './0011_session_fences.js'; // issue 17: cluster fencing tokens
import * as m0012 from './0012_media_blobs.js'; // issue 17: media bytes in PostgreSQL

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_engine': m0002,
  '0003_outbox_webhooks': m0003,
  '0004_media': m0004,
  '0005_message_actions': m0005,
  '0006_session_last_error': m0006,
  '0007_media_by_account': m0007,
  '0008_chats': m0008,
  '0009_contacts': m0009,
  '0010_labels': m0010,
  '0011_session_fences': m0011,
  '0012_media_blobs': m0012,
};
