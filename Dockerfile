# Kiana WhatsApp Panel: builds the web app and runs the server (`kiana start`).
#   docker build -t kiana .
#   docker run -p 3000:3000 -v kiana-data:/data --env-file .env kiana
# See docs/OPERATIONS.md for PostgreSQL, several processes, TLS and backups.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY apps/server/package.json apps/server/
COPY apps/simulator/package.json apps/simulator/
COPY apps/web/package.json apps/web/
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# MALLOC_ARENA_MAX: see docs/OPERATIONS.md, "Memory".
ENV NODE_ENV=production \
    MALLOC_ARENA_MAX=2 \
    KIANA_DATA_DIR=/data \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app /app
RUN useradd --system --uid 10001 --home-dir /data kiana \
  && mkdir -p /data && chown kiana:kiana /data
USER kiana
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM drains requests and background work and exits within 10 s.
STOPSIGNAL SIGTERM
CMD ["node", "apps/server/bin/kiana.js", "start"]
