// Simulator mode only (`npm start -- --simulator`): routes behind the dashboard's "simulated phone"
// panel. The browser cannot reach the simulator's control API (another port, no CORS), so these
// forward the few calls the demo needs, for any caller with a valid wagate token. Documented in
// src/surfaces/dashboard/README.md. They do not exist when the server talks to WhatsApp.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../core/services.js';
import { registerAuth } from '../http/plugins/auth.js';
import { registerRequestRateLimit } from '../http/plugins/rate-limit.js';
import { DemoContact } from './demo-contact.js';
import { SimControl } from './sim-control.js';

/** The simulated phone that links sessions, and the simulated contact that answers. */
export const DEMO_PHONE = { phone: '15550000001', name: 'Demo phone' } as const;
export const DEMO_CONTACT = { phone: '15550000002', name: 'Alice (simulated)' } as const;

const scanBody = z.strictObject({ qr: z.string().min(1).max(2048).describe('The QR string the session shows') });
const contactMessageBody = z.strictObject({
  to: z
    .string()
    .regex(/^\+?[0-9]{6,20}$/, "must be the session's phone number, digits only")
    .describe("The linked session's number"),
  text: z.string().min(1).max(4096),
});

export async function registerSimulatorDemo(
  app: FastifyInstance,
  services: CoreServices,
  controlUrl: string,
): Promise<void> {
  const sim = new SimControl(controlUrl);
  const contact = new DemoContact({
    sim,
    phone: DEMO_CONTACT.phone,
    onError: (err) => app.log.debug({ err }, 'demo contact poll failed'),
  });
  app.addHook('onReady', async () => {
    // A simulator that does not answer must not stop the server: the panel reports it instead.
    try {
      await sim.ensureAccount(DEMO_PHONE.phone, DEMO_PHONE.name);
      await sim.ensureAccount(DEMO_CONTACT.phone, DEMO_CONTACT.name);
    } catch (err) {
      app.log.warn({ err }, 'could not create the demo phone and contact in the simulator');
    }
    contact.start();
  });
  app.addHook('onClose', async () => contact.stop());

  await app.register(async (demo) => {
    // The same guards as /v1: a per-token request limit, and refused tokens limited per address.
    await registerRequestRateLimit(demo, 600);
    registerAuth(demo, services.tokens, { failuresPerMinute: 60 });
    const typed = demo.withTypeProvider<ZodTypeProvider>();
    typed.get('/dashboard/sim', { schema: { hide: true } }, async () => ({
      phone: { phone: `+${DEMO_PHONE.phone}`, name: DEMO_PHONE.name },
      contact: { phone: `+${DEMO_CONTACT.phone}`, name: DEMO_CONTACT.name },
    }));
    typed.post('/dashboard/sim/scan', { schema: { hide: true, body: scanBody } }, async (req) => {
      const linked = await sim.scan(DEMO_PHONE.phone, req.body.qr);
      return { linked: true, jid: linked.jid };
    });
    typed.post('/dashboard/sim/contact/messages', { schema: { hide: true, body: contactMessageBody } }, async (req) => {
      const sent = await sim.sendText(DEMO_CONTACT.phone, req.body.to.replace(/^\+/, ''), req.body.text);
      return { id: sent.id };
    });
  });
}
