/** A catch-all SMTP server that keeps what it receives (the demo mailbox), for tests of mail. */
export { type Mailbox, startMailbox } from '../demo/mailbox.ts';
export { type TestBackend, testBackends } from './backends.ts';
export { type CliRun, runPortalCli } from './cli.ts';
export {
  createTestDatabase,
  DEFAULT_TEST_PG_URL,
  postgresReachable,
  postgresSkipReason,
  type TestDatabase,
  testPgAdminUrl,
} from './postgres.ts';
