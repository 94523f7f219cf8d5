# The LiveCode application image (API, worker and migrations share it). The sandboxes are separate
# images, built on each Docker host with `make images`.

# The playground's bundle needs the build tools (esbuild, CodeMirror), which the running image does not.
FROM node:24-trixie-slim AS playground
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY src/playground ./src/playground
RUN node src/playground/build.ts

FROM node:24-trixie-slim
WORKDIR /app
ENV NODE_ENV=production
# How the processes hold memory (malloc arenas, V8's young generation) is set where they are started, from
# src/ops/memory.env: docker compose's env_file, or `docker run --env-file src/ops/memory.env …`.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY src ./src
COPY --from=playground /app/src/playground/dist ./src/playground/dist
COPY migrations ./migrations
# The languages are read from their manifests (images/<id>/language.json) when a process starts.
COPY images ./images
USER node
EXPOSE 3000
CMD ["node", "src/api/server.ts"]
