export type { CheckResult, CheckStatus } from '../../pipeline/services/health/check-result';
