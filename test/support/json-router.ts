// A SessionRouter that sends every command and result through JSON.stringify/parse, as a router
// between processes must: anything that is not plain data (a Date, a closure, a class instance)
// breaks here. Errors travel as AppErrorJson. It records each command it carried.
import { AppError, appErrorFromJson, appErrorToJson, type AppErrorJson } from '../../src/core/errors.js';
import type {
  SessionCommand,
  SessionCommandResult,
  SessionRouter,
  SessionTarget,
} from '../../src/core/ports/session-router.js';

export class JsonRoundTripRouter implements SessionRouter {
  readonly carried: SessionCommand[] = [];

  constructor(private readonly holder: SessionRouter) {}

  async dispatch<C extends SessionCommand>(target: SessionTarget, command: C): Promise<SessionCommandResult<C>> {
    const wire = JSON.parse(JSON.stringify({ target, command })) as { target: SessionTarget; command: C };
    this.carried.push(wire.command);
    let reply: string;
    try {
      reply = JSON.stringify({ ok: (await this.holder.dispatch(wire.target, wire.command)) ?? null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      reply = JSON.stringify({ error: appErrorToJson(err) });
    }
    const parsed = JSON.parse(reply) as { ok?: SessionCommandResult<C>; error?: AppErrorJson };
    if (parsed.error) throw appErrorFromJson(parsed.error);
    return parsed.ok as SessionCommandResult<C>;
  }
}
