// Path parameters shared by the routes on one message.
import { z } from 'zod';

export const messageIdParams = z.object({ id: z.string().min(1).max(100).describe('The message id (`msg_…`)') });
