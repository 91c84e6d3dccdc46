export { type TestBackend, testBackends } from './backends.ts';
export {
  createTestDatabase,
  DEFAULT_TEST_PG_URL,
  postgresReachable,
  postgresSkipReason,
  type TestDatabase,
  testPgAdminUrl,
} from './postgres.ts';
