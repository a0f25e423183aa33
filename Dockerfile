# syntax=docker/dockerfile:1
# wagate: a multi-stage image. The build stage compiles TypeScript and the native SQLite driver;
# the runtime stage holds only production dependencies and dist/, runs as the unprivileged `node`
# user, keeps its state in the /data volume and reports health from GET /health.
# Build: docker build -t wagate .      Run: docker compose up   (see docs/deploy.md)

ARG NODE_IMAGE=node:20.19-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY sim/package.json sim/package.json
# Dependencies first (cached while only sources change). Scripts run later, on purpose: `prepare`
# builds dist/ and needs the sources.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY bin bin
COPY src src
COPY sim/src sim/src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    WAGATE_HOST=0.0.0.0 \
    WAGATE_PORT=3000 \
    WAGATE_DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/sim/package.json ./sim/package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/bin ./bin
# The code belongs to root and is read-only for the server; only /data is writable (by `node`).
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# The server drains in-flight work on SIGTERM for WAGATE_SHUTDOWN_TIMEOUT (default 10 s); give
# `docker stop` more than that (compose.yaml sets stop_grace_period: 30s).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WAGATE_PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/wagate.js"]
CMD ["serve"]
