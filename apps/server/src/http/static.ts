import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `npm run build -w apps/web` writes the SPA. */
export const webDistDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../web/dist',
);

const notBuilt = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Kiana</title></head>
<body><h1>Kiana WhatsApp Panel</h1><p>The web app is not built yet. Run <code>npm run build</code>, or start with <code>npm start</code>, which builds it.</p></body></html>`;

/**
 * Serves the built SPA at `/`, and `index.html` for any other GET that is not an API,
 * webhook, legal or health path, so client-side routes survive a reload. Anything else
 * not found gets the JSON error body.
 */
export async function registerStatic(
  app: FastifyInstance,
  options: { serveWeb: boolean; distDir?: string },
): Promise<void> {
  const distDir = options.distDir ?? webDistDir;
  const hasBuild = options.serveWeb && fs.existsSync(path.join(distDir, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (res, filePath) => {
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  const reserved = /^\/(api|webhooks|legal|healthz|readyz|_sim)(\/|$|\?)/;
  app.setNotFoundHandler((request, reply) => {
    const acceptsHtml = (request.headers.accept ?? '').includes('text/html');
    if (
      options.serveWeb &&
      request.method === 'GET' &&
      !reserved.test(request.url) &&
      acceptsHtml
    ) {
      if (!hasBuild) return reply.type('text/html').send(notBuilt);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send({
      code: 'not_found',
      message: `Route ${request.method} ${request.url.split('?')[0] ?? ''} not found`,
      requestId: String(request.id),
    });
  });
}
