# The render stage: the Newsflow image plus Debian's Chromium, which playwright-core drives
# (never a downloaded browser). Only `docker compose --profile render` builds and runs it.
FROM node:24-slim
# Debian's chromium package, checked at build time; playwright-core has no install step, and
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD keeps any Playwright tooling from fetching a browser of its own.
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation \
  && rm -rf /var/lib/apt/lists/* && /usr/bin/chromium --version
WORKDIR /app
ENV NODE_ENV=production PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 RENDER_CHROMIUM_PATH=/usr/bin/chromium
COPY package.json package-lock.json ./
COPY packages ./packages
COPY services ./services
COPY seeds ./seeds
COPY infra ./infra
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
USER node
CMD ["node", "services/renderer/src/main.ts"]
