# syntax=docker/dockerfile:1.7
#
# One image for every Sluice app. The app a container runs is chosen at run time by SERVICES:
#   docker run -e SERVICES=gateway   -p 5001:5001 sluice     (HTTP API on PORT, default 5001)
#   docker run -e SERVICES=ingest-worker sluice              (health endpoint on HEALTH_PORT, default 5002)
# Leaving SERVICES unset runs all five apps in one process, like `npm start`.
#
# Build: docker build -t sluice .
# The build and runtime stages must share the same Node.js major/minor: isolated-vm is a native
# addon compiled here against the build stage's Node headers.

ARG NODE_IMAGE=node:20-bookworm-slim

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

# Dependencies first, so source edits do not invalidate this (slow) layer.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund

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

# Gateway HTTP port (PORT). Non-gateway apps answer /health on HEALTH_PORT (5002).
EXPOSE 5001 5002

# Probes the gateway's /health on PORT when this process runs the gateway, else HEALTH_PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "const s=(process.env.SERVICES||'all').split(',').map(x=>x.trim());const gw=s.includes('all')||s.includes('gateway');const port=gw?(process.env.PORT||5001):(process.env.HEALTH_PORT||5002);require('http').get({host:'127.0.0.1',port,path:'/health',timeout:4000},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1)).on('timeout',()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/apps/launcher/src/main.js"]
