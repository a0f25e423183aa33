// Request bodies. JSON: fastify's own parser (with its prototype-poisoning protection), except that an empty
// body with a JSON content type counts as "no body" — clients such as `curl -X POST -H
// 'content-type: application/json'` send exactly that to action routes like rotate-key.
import type { FastifyInstance } from 'fastify';

export function registerJsonBody(app: FastifyInstance): void {
  // /v1 speaks JSON only: other bodies get 415 instead of reaching a schema as a string.
  // (Compat surfaces that need form or text bodies add their parsers inside their own plugin.)
  app.removeContentTypeParser('text/plain');
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    return parse(req, text, done);
  });
}
