# syntax=docker/dockerfile:1.7
#
# One image for every Sluice app. The app a container runs is chosen at run time by SERVICES:
#   docker run -e SERVICES=gateway   -p 5001:5001 sluice     (HTTP API on PORT, default 5001)
#   docker run -e SERVICES=ingest-worker sluice              (health endpoint on HEALTH_PORT, default 5002)
# Leaving SERVICES unset runs all five apps in one process, like `npm start`.
#
# Build: docker build -t sluice .
#
# Node.js 26, the Active LTS line (LTS since October 2026, supported until April 2029). The native
# modules on it:
#   - isolated-vm (workflow code nodes, Jinja sandbox) follows V8: the lockfile's 5.0.4 is the last line
#     that builds on Node 20-22 (local development and CI run Node 20) and fails to compile on Node 24+
#     (V8 API changes). The image therefore installs isolated-vm 7.0.1 in its place: same JavaScript API,
#     prebuilt for Node 24 and 26. The workflow, operations and embedded-store suites pass on
#     Node 26.12 with it.
#   - @lancedb/lancedb 0.21.3 and msgpackr-extract 3.0.3 are Node-API addons (prebuilt, ABI-stable):
#     the same binaries work on every Node from 18 on.
# Build and runtime stages must use the same Node version (native addons are selected for it).

ARG NODE_IMAGE=node:26-bookworm-slim

# ---------------------------------------------------------------- build
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Toolchain for native addons built from source during `npm ci` (isolated-vm, msgpackr-extract).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*

# Build addons against the headers shipped in the image instead of downloading them.
ENV npm_config_nodedir=/usr/local \
    npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false

# Dependencies first, so source edits do not invalidate this (slow) layer. Scripts are skipped in
# `npm ci` so the lockfile's isolated-vm 5 is not compiled for a Node it does not support; then
# isolated-vm 7.0.1 replaces it (see above) and the remaining addons run their install steps.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund --ignore-scripts \
 && npm install --no-save --no-audit --no-fund isolated-vm@7.0.1 \
 && npm rebuild msgpackr-extract

# Compile (tsc via scripts/build.mjs) to dist/ and build the web console (Vite, a devDependency) into
# dist/console, which the gateway serves at /; then drop devDependencies.
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY scripts ./scripts
COPY libs ./libs
COPY apps ./apps
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---------------------------------------------------------------- runtime
FROM ${NODE_IMAGE} AS runtime

# tini as PID 1: forwards SIGTERM to node (so streams drain on shutdown) and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    PORT=5001 \
    HEALTH_PORT=5002 \
    METRICS_PORT=9464 \
    HOST=0.0.0.0 \
    DATA_DIR=/data \
    NODE_OPTIONS=--no-node-snapshot
# --no-node-snapshot: required by isolated-vm (the workflow code node sandbox) on Node.js >= 20.

WORKDIR /app
# Application files stay root-owned (read-only for the app user); only DATA_DIR is writable.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# uid/gid 1000 is the `node` user of the base image. Numeric so that Kubernetes'
# runAsNonRoot can verify it. /data is created owned by it so a fresh named volume inherits that.
RUN mkdir -p /data && chown 1000:1000 /data
USER 1000:1000

# Gateway HTTP port (PORT); every app: probes on HEALTH_PORT (5002), Prometheus on METRICS_PORT (9464).
EXPOSE 5001 5002 9464

# Every process answers /health on HEALTH_PORT (the gateway also on PORT).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const port=process.env.HEALTH_PORT||5002;require('http').get({host:'127.0.0.1',port,path:'/health',timeout:4000},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/apps/launcher/src/main.js"]
