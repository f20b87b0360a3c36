import { defineConfig } from 'vitest/config';

const integration = 'test/integration/**/*.test.ts';

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['test/support/dynamodb-local.global.ts'],
    // Handlers log every request at INFO; test output keeps warnings and errors only.
    env: { POWERTOOLS_LOG_LEVEL: 'WARN' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: each integration file starts its own stand-ins, so keep parallelism modest.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [integration] } },
      {
        extends: true,
        test: { name: 'integration', include: [integration], env: { DISTR_DYNAMODB: 'dynalite' } },
      },
      {
        // The same integration tests once more against the official DynamoDB Local (Java), so the
        // emulator cannot hide a difference from DynamoDB.
        extends: true,
        test: {
          name: 'integration:dynamodb-local',
          include: [integration],
          // It kills a server process outright, which would leave that server's own DynamoDB Local
          // (a JVM it started) running without it; it runs on dynalite only.
          exclude: ['test/integration/distribution-crash.test.ts'],
          env: { DISTR_DYNAMODB: 'dynamodb-local' },
        },
      },
    ],
  },
});
