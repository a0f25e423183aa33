// Every webhook, event and stream route of /v1, registered by one call from v1.ts.
import type { FastifyInstance } from 'fastify';
import type { WebhookSurfaceServices } from '../../schemas/webhook.js';
import { registerEventsStream } from '../../stream/sse.js';
import { registerEventsStreamWs } from '../../stream/ws.js';
import { registerEventsGet } from '../events/get.js';
import { registerEventsList } from '../events/list.js';
import { registerEventsReplayRange } from '../events/replay-range.js';
import { registerEventsReplay } from '../events/replay.js';
import { registerWebhooksCreate } from './create.js';
import { registerWebhooksDeliveries } from './deliveries.js';
import { registerWebhooksDelete } from './delete.js';
import { registerWebhooksGet } from './get.js';
import { registerWebhooksList } from './list.js';
import { registerWebhooksTest } from './test-event.js';
import { registerWebhooksUpdate } from './update.js';

export async function registerWebhookRoutes(app: FastifyInstance, services: WebhookSurfaceServices): Promise<void> {
  registerWebhooksCreate(app, services);
  registerWebhooksList(app, services);
  registerWebhooksGet(app, services);
  registerWebhooksUpdate(app, services);
  registerWebhooksDelete(app, services);
  registerWebhooksDeliveries(app, services);
  registerWebhooksTest(app, services);
  registerEventsStream(app, services);
  registerEventsList(app, services);
  registerEventsReplayRange(app, services);
  registerEventsGet(app, services);
  registerEventsReplay(app, services);
  await registerEventsStreamWs(app, services);
}
