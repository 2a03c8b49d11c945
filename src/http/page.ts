/** Sending server-rendered pages: one doctype, one content type, never cached. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { PageContext } from './layout.js';

export async function renderDocument(node: JSX.Element): Promise<string> {
  return `<!DOCTYPE html>${String(await node)}`;
}

/** Pages show school data to a signed-in person, so no shared cache may keep them. */
export async function sendPage(reply: FastifyReply, node: JSX.Element, status = 200): Promise<FastifyReply> {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(await renderDocument(node));
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  return { actor: request.actor, csrfToken: reply.generateCsrf() };
}

/** Post/redirect/get: after a form, the browser lands on a page it may reload safely. */
export function seeOther(reply: FastifyReply, path: string): FastifyReply {
  return reply.redirect(path, 303);
}

/**
 * The context for pages rendered while handling an error: a failure to make a CSRF token
 * (e.g. cookies could not be read) must not hide the original error.
 */
export function pageContextOrAnonymous(request: FastifyRequest, reply: FastifyReply): PageContext {
  try {
    return pageContext(request, reply);
  } catch {
    return { actor: null, csrfToken: '' };
  }
}
