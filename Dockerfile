# Tributary as a container: the project's own install and start commands, on Node 20 slim.
# Multi-stage: the build stage has the compilers isolated-vm and better-sqlite3 need (python3, make,
# g++); the runtime stage has only what runs. Not built in CI (no image registry there).

FROM node:20-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY console ./console
COPY src ./src
COPY tsconfig.json tsconfig.build.json ./
# `npm ci` runs `prepare`: it builds the console and compiles the server to dist/.
RUN npm ci && npx tsx scripts/build-console.ts && npx tsx scripts/build-server.ts && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/console/dist ./console/dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:8080/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The server itself is PID 1's only child of note: SIGTERM from `docker stop` reaches it directly.
CMD ["node", "dist/main.js", "serve"]
