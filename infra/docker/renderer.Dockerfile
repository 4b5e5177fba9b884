# The render stage: the Newsflow image plus Debian's Chromium, which playwright-core drives
# (never a downloaded browser). Only `docker compose --profile render` builds and runs it.
FROM node:24-slim
RUN apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY packages ./packages
COPY services ./services
COPY seeds ./seeds
COPY infra ./infra
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
USER node
CMD ["node", "services/renderer/src/main.ts"]
