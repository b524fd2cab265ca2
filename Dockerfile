# One image for the web server (default command: npm start) and the worker (npm run worker).
# Not built in this repository's CI: see docs/self-hosting.md, "Docker".
#
#   docker build -t self-healing-ops .
#   docker run --rm --env-file ops.env self-healing-ops npm run db:migrate
#   docker run -d -p 3000:3000 --env-file ops.env self-healing-ops
#   docker run -d --env-file ops.env self-healing-ops npm run worker
#
# npm does not pass SIGTERM on to the process it starts, so `docker stop` cuts a worker run
# by npm short. For a graceful stop run the worker without npm, with a stop timeout above
# WORKER_SHUTDOWN_GRACE_SECONDS (25):
#   docker run -d --env-file ops.env --stop-timeout 40 self-healing-ops /app/node_modules/.bin/tsx scripts/worker.ts
#
# Node 20 on Debian 12 (bookworm), the system the project is developed and tested on.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Installing Prisma would otherwise try to download its native schema engine from Prisma's
# servers. Nothing here uses that engine (prisma generate does not; db:migrate applies the SQL
# itself), and naming an existing file skips the download (see scripts/prisma-generate.mjs).
ENV PRISMA_SCHEMA_ENGINE_BINARY=/usr/local/bin/node \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NEXT_TELEMETRY_DISABLED=1
# `postinstall` runs scripts/prisma-generate.mjs (prisma generate), which reads
# prisma.config.ts and prisma/schema.prisma: they must be here before npm ci.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-generate.mjs ./scripts/prisma-generate.mjs
RUN npm ci --no-audit --no-fund

FROM deps AS build
# The browser's Sentry DSN is compiled into the client bundle: pass it with --build-arg.
ARG NEXT_PUBLIC_SENTRY_DSN=""
COPY . .
# Drop the build cache, and any embedded database a build without DATABASE_URL may have opened.
RUN npm run build && rm -rf .next/cache .data

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    PORT=3000
# The whole tree, dev dependencies included: `npm run worker` and `npm run db:migrate` run
# TypeScript through tsx, a dev dependency. Owned by the unprivileged `node` user of the base
# image, so next start (.next) and the embedded database (DATA_DIR, default .data) can write.
COPY --from=build --chown=node:node /app ./
USER node
EXPOSE 3000
CMD ["npm", "start"]
