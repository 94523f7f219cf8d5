# The LiveCode application image (API, worker and migrations share it). The sandboxes are separate
# images, built on each Docker host with `make images`.
FROM node:24-trixie-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY src ./src
COPY migrations ./migrations
USER node
EXPOSE 3000
CMD ["node", "src/api/server.ts"]
