import { ROLE_PERMISSIONS } from '@otklik/client/contract';
import { describe, expect, it } from 'vitest';
import { pathAfterSwitch, sectionOf, sections, sectionsFor } from './routes.ts';
import { STAFF_ROLES, type StaffRole } from './session.ts';

const ids = (roles: StaffRole[]) => sectionsFor(new Set(roles)).map((s) => s.id);

describe('the sections table', () => {
  it('shows each role what it works with, in navigation order', () => {
    expect(ids(['coordinator'])).toEqual(['queue', 'reports']);
    expect(ids(['executor'])).toEqual(['queue']);
    expect(ids(['approver'])).toEqual(['queue', 'reports']);
    expect(ids(['analyst'])).toEqual(['reports', 'ratings']);
    expect(ids(['administrator'])).toEqual(['settings']);
    expect(ids(['portal-administrator'])).toEqual(['administration']);
    expect(ids(['executor', 'administrator'])).toEqual(['queue', 'settings']);
    expect(ids(['coordinator', 'analyst'])).toEqual(['queue', 'reports', 'ratings']);
    expect(ids([])).toEqual([]);
  });

  it('offers a role only the sections whose data the portal lets it read (no screen that ends in a 403)', () => {
    // The demo's school administrator once saw Reports and Ratings and got "could not load" on both.
    for (const section of sections)
      for (const role of section.roles)
        if (role !== 'portal-administrator')
          expect(ROLE_PERMISSIONS[role] as readonly string[], `${role} in ${section.id}`).toContain(
            section.permission,
          );
    expect(ids(['administrator'])).not.toContain('reports');
    expect(ids(['coordinator'])).not.toContain('ratings');
  });

  it('every section is reachable by some role, and every role sees something', () => {
    expect(sectionsFor(new Set(STAFF_ROLES))).toEqual(sections);
    for (const role of STAFF_ROLES) expect(ids([role]).length, role).toBeGreaterThan(0);
  });

  it('finds the section of a page and of the pages below it', () => {
    expect(sectionOf('/console/queue')?.id).toBe('queue');
    expect(sectionOf('/console/queue/2027-15')?.id).toBe('queue');
    expect(sectionOf('/console/queueing')).toBeUndefined();
    expect(sectionOf('/console')).toBeUndefined();
  });
});

describe('switching organisation', () => {
  const to = (path: string, roles: StaffRole[]) => pathAfterSwitch(path, new Set(roles));
  it('keeps an organisation-wide screen the new roles show, leaves pages inside a section for its own', () => {
    expect(to('/console/audit-log', ['administrator'])).toBe('/console/audit-log');
    expect(to('/console/audit-log', ['coordinator'])).toBe('/console/');
    expect(to('/console/queue', ['executor'])).toBe('/console/queue');
    expect(to('/console/queue/appeals/1234', ['coordinator'])).toBe('/console/queue');
    expect(to('/console/settings/demo-school/topics', ['administrator'])).toBe('/console/settings');
    expect(to('/console/settings/demo-school/topics', ['analyst'])).toBe('/console/');
    expect(to('/console/account', ['analyst'])).toBe('/console/account');
  });
});
