import type { FieldIssue, Problem } from '@otklik/client/schemas';

/**
 * What a refused call says to a client that translates it: the status, the problem's reason and each
 * field issue's reason (by path), for one `toEqual` in a test.
 */
export async function refusalOf(res: Response): Promise<{
  status: number;
  reason: Problem['reason'];
  issues?: Record<string, FieldIssue['reason']>;
}> {
  const body = (await res.json()) as Problem;
  const issues = body.issues?.length
    ? { issues: Object.fromEntries(body.issues.map((i) => [i.path, i.reason])) }
    : {};
  return { status: res.status, reason: body.reason, ...issues };
}
