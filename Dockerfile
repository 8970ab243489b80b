# syntax=docker/dockerfile:1
# One image for every service; its command picks the service (deploy/docker/entrypoint.sh):
#   docker build -t xrouter .                         (from the repository root)
#   docker run xrouter gateway | policy | executor | ledger
# A second target adds the fake providers and router LLM used by docker-compose.yml:
#   docker build --target fakes -t xrouter-fakes .
# The services run as JavaScript compiled in the build stage (tsc; ~36 MiB less resident memory
# per process than the tsx loader); the small tools (create-key, the fakes) run through tsx.

FROM node:20-bookworm-slim AS base
ENV NODE_ENV=production
WORKDIR /app

# Production dependencies only; npm and its cache stay in this stage.
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# The compiler is a development dependency: it stays in this stage, only dist/ leaves it.
# (NODE_ENV=production would make npm leave development dependencies out: --include=dev.)
FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci --include=dev --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY services ./services
RUN npm run build

FROM base AS app
ENV XROUTER_BIND_HOST=0.0.0.0 XROUTER_DATA_DIR=/data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY protos ./protos
COPY catalogs ./catalogs
# The placeholder folder always exists; `artifact[s]` matches the real one only when it exists,
# and a COPY whose wildcard matches nothing is not an error while another source does.
COPY deploy/docker/artifacts/ artifact[s] ./artifacts/
COPY services ./services
COPY --from=build /app/dist ./dist
COPY deploy/tools ./deploy/tools
COPY --chmod=0755 deploy/docker/entrypoint.sh /usr/local/bin/xrouter
# Tests are not shipped; /data is for the embedded ledger database when no DATABASE_URL is set.
RUN find services -name '*.test.ts' -delete \
 && mkdir -p /data && chown 1000:1000 /data
# uid 1000 is the image's `node` user; numeric, so Kubernetes can verify runAsNonRoot
USER 1000:1000
ENTRYPOINT ["/usr/local/bin/xrouter"]
CMD ["gateway"]

# The fakes run from the test helpers themselves (test/support), so they cannot drift from the
# wire formats the tests check; only the helpers they import are copied.
FROM app AS fakes
COPY test/support/fake-openai.ts test/support/fake-anthropic.ts test/support/fake-vllm.ts ./test/support/
COPY deploy/fakes ./deploy/fakes
CMD ["fake", "openai"]

# The default target, last: the services' runtime image.
FROM app AS runtime
