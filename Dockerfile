# One image for every service; the command picks the service:
#   docker run xrouter gateway | policy | executor | ledger
# Build from the repository root: docker build -t xrouter .
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production XROUTER_BIND_HOST=0.0.0.0 XROUTER_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY protos ./protos
COPY catalogs ./catalogs
COPY artifacts ./artifacts
COPY services ./services
COPY deploy/docker/entrypoint.sh /usr/local/bin/xrouter
RUN mkdir -p /data && chown node:node /data && find services -name '*.test.ts' -delete
USER node
ENTRYPOINT ["/usr/local/bin/xrouter"]
CMD ["gateway"]
