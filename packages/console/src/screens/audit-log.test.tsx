import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AuditEntry } from '@otklik/client/schemas';
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { auditActionMessages } from './audit-actions.messages.ts';
import { Action, AppealCell } from './audit-log.tsx';

const entry = (action: string, details: AuditEntry['details'] = null): AuditEntry => ({
  id: 1,
  at: '2026-12-06T08:00:00.000Z',
  action,
  appealId: null,
  appealNumber: null,
  actor: { kind: 'person', name: 'admin@school.example' },
  details,
});

describe('the audit log names its actions', () => {
  afterEach(() => {
    cleanup();
    setLanguage('ru');
  });

  it('in words, in the console language, with the code beside them', () => {
    setLanguage('ru');
    const { container, rerender } = render(<Action entry={entry('people.list')} />);
    expect(container.textContent).toBe('Просмотрен список сотрудников people.list');
    expect(container.querySelector('code')?.textContent).toBe('people.list');
    setLanguage('be');
    rerender(<Action entry={entry('api-keys.revoke')} />);
    expect(container.textContent).toBe('Адкліканы ключ API api-keys.revoke');
    setLanguage('en');
    rerender(<Action entry={entry('appeal.draft-approve')} />);
    expect(container.textContent).toBe('Approved the answer appeal.draft-approve');
  });

  it('a sign-in with how the person signed in', () => {
    const { container } = render(<Action entry={entry('session.sign-in', { method: 'email-code' })} />);
    expect(container.textContent).toBe('Вход в консоль по коду из письма session.sign-in');
  });

  it('a sign-in through the staff OpenID Connect provider by the provider’s name', () => {
    const { container, rerender } = render(
      <Action entry={entry('session.sign-in', { method: 'oidc:demo-id', provider: 'Demo ID' })} />,
    );
    expect(container.textContent).toBe('Вход в консоль через службу входа Demo ID session.sign-in');
    setLanguage('en');
    rerender(
      <Action entry={entry('session.totp-failed', { method: 'oidc:demo-id', provider: 'Demo ID' })} />,
    );
    expect(container.textContent).toBe(
      'Wrong authenticator code at sign-in through the sign-in service Demo ID session.totp-failed',
    );
    // An entry written before the portal recorded the name: the provider's id is all there is.
    rerender(<Action entry={entry('session.sign-in', { method: 'oidc:demo-id' })} />);
    expect(container.textContent).toBe(
      'Signed in to the console through the sign-in service demo-id session.sign-in',
    );
    // Details of another shape say nothing of how.
    rerender(<Action entry={entry('session.sign-in', { method: 'password' })} />);
    expect(container.textContent).toBe('Signed in to the console session.sign-in');
  });

  it('an action it does not know yet by its code alone', () => {
    const { container } = render(<Action entry={entry('something.new')} />);
    expect(container.textContent).toBe('something.new');
  });

  it('names every action the portal audits', () => {
    // The portal's audit calls, read from its source: a new action without a name here fails.
    const root = resolve(import.meta.dirname, '../../../portal/src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const audited = new Set<string>();
    for (const file of files) {
      const source = readFileSync(resolve(root, file), 'utf8');
      for (const m of source.matchAll(/\baudit(?:Portal)?\(\s*\w+(?:\.\w+)?,\s*[\w.]+,\s*'([a-z.-]+)'/g))
        if (m[1]) audited.add(m[1]);
    }
    expect(audited.size).toBeGreaterThan(30);
    expect([...audited].filter((a) => !(a in auditActionMessages.ru))).toEqual([]);
  });

  it('the appeal by its registration number, never its internal id', () => {
    const id = 'ab17f856-ff43-4c26-a231-f861ec1c57d9';
    const { container, rerender } = render(
      <AppealCell entry={{ ...entry('appeal.read'), appealId: id, appealNumber: 'ОГ-2026-0031' }} />,
    );
    expect(container.textContent).toBe('ОГ-2026-0031');
    rerender(<AppealCell entry={{ ...entry('appeal.read'), appealId: id, appealNumber: null }} />);
    expect(container.textContent).toBe('обращение удалено');
    expect(container.textContent).not.toContain(id);
    rerender(<AppealCell entry={entry('people.list')} />);
    expect(container.textContent).toBe('—');
  });
});
