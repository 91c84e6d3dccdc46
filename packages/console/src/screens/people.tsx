import { isOtklikError } from '@otklik/client';
import { STAFF_ROLES, type StaffRole } from '@otklik/client/contract';
import { StaffInvitationInput, type StaffPerson } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { toast } from '../kit/announcer.tsx';
import { Button } from '../kit/button.tsx';
import { DataList } from '../kit/data-list.tsx';
import { Dialog } from '../kit/dialog.tsx';
import { useForm } from '../kit/form.ts';
import { FormAlert } from '../kit/form-alert.tsx';
import { Select, TextInput } from '../kit/inputs.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { EmptyState, Loaded, useLoad } from '../kit/states.tsx';
import { session } from '../session.ts';
import { loadApi, SignedIn } from './access-kit.tsx';
import { peopleMessages } from './people.messages.ts';

/**
 * The organisation's people and roles: invite by e-mail, change a role or remove a person (each asked
 * for in a dialog and confirmed), never leaving the organisation without an administrator.
 */
export default function People() {
  const { t } = useT(peopleMessages);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <SignedIn>{() => <PeopleBody organizationId={session.value?.organization.id ?? ''} />}</SignedIn>
    </>
  );
}

function PeopleBody({ organizationId }: { organizationId: string }) {
  const { t } = useT(peopleMessages);
  const version = useSignal(0);
  const refresh = () => {
    version.value++;
  };
  const people = useLoad(
    async (signal) => (await loadApi()).listStaffPeople(organizationId, { signal }),
    [organizationId, version.value],
  );
  /** The change asked for, shown in a dialog until confirmed or cancelled. */
  const pending = useSignal<PendingChange | null>(null);
  const busy = useSignal(false);
  const apply = async (change: PendingChange) => {
    busy.value = true;
    try {
      await (await loadApi()).setStaffPersonRoles(organizationId, change.person.id, {
        roles: change.role === null ? [] : [{ role: change.role, subtree: change.subtree }],
      });
      pending.value = null;
      toast(
        change.role === null
          ? t('removed', { email: change.person.email })
          : t('changed', { email: change.person.email, role: t(`role.${change.role}`) }),
        'success',
      );
      refresh();
    } catch (error) {
      pending.value = null;
      toast(isLastAdministrator(error) ? t('lastAdministrator') : t('changeFailed'), 'error');
      refresh();
    } finally {
      busy.value = false;
    }
  };
  return (
    <>
      <Loaded load={people}>
        {(data) =>
          data.people.length === 0 ? (
            <EmptyState title={t('emptyTitle')}>
              <p>{t('emptyText')}</p>
            </EmptyState>
          ) : (
            <DataList
              caption={t('caption')}
              items={data.people}
              rowKey={(p) => p.id}
              columns={[
                {
                  id: 'email',
                  header: t('colEmail'),
                  // The name, and the address the person signs in with (two people may share a name).
                  cell: (p) =>
                    p.displayName && p.displayName !== p.email ? (
                      <>
                        {p.displayName}
                        <span class="person-email">{p.email}</span>
                      </>
                    ) : (
                      p.email
                    ),
                },
                {
                  id: 'roles',
                  header: t('colRoles'),
                  cell: (p) => p.roles.map((r) => t(`role.${r.role}`)).join(', '),
                },
                {
                  id: 'actions',
                  header: t('colActions'),
                  cell: (p) =>
                    isLastAdministratorIn(data.people, p) ? (
                      // The organisation must keep an administrator: the actions that would leave it
                      // without one are not offered, and the reason is said instead.
                      <p class="field-hint">{t('onlyAdministrator')}</p>
                    ) : (
                      <div class="form-actions">
                        <Button
                          variant="secondary"
                          onClick={() => {
                            pending.value = { kind: 'role', person: p, ...currentRole(p) };
                          }}
                        >
                          {t('changeRoleButton')}
                          <span class="visually-hidden"> {p.email}</span>
                        </Button>
                        <Button
                          variant="danger"
                          onClick={() => {
                            pending.value = { kind: 'remove', person: p, role: null, subtree: false };
                          }}
                        >
                          {t('remove')}
                          <span class="visually-hidden"> {p.email}</span>
                        </Button>
                      </div>
                    ),
                },
              ]}
            />
          )
        }
      </Loaded>
      <RoleDialog
        change={pending.value}
        busy={busy.value}
        onRole={(role) => {
          if (pending.value) pending.value = { ...pending.value, role };
        }}
        onConfirm={() => {
          if (pending.value) void apply(pending.value);
        }}
        onCancel={() => {
          pending.value = null;
        }}
      />
      <Invite organizationId={organizationId} onInvited={refresh} />
    </>
  );
}

/** A role change or a removal waiting for the administrator's confirmation. */
interface PendingChange {
  kind: 'role' | 'remove';
  person: StaffPerson;
  /** The role the person is to hold; null removes them from the organisation. */
  role: StaffRole | null;
  /** Kept from the role they hold (the console does not change its reach). */
  subtree: boolean;
}

const currentRole = (person: StaffPerson) => ({
  role: person.roles[0]?.role ?? ('coordinator' as const),
  subtree: person.roles[0]?.subtree ?? false,
});

/** Whether `person` is the organisation's only administrator (so they must stay one). */
export function isLastAdministratorIn(people: readonly StaffPerson[], person: StaffPerson): boolean {
  const administrators = people.filter((p) => p.roles.some((r) => r.role === 'administrator'));
  return administrators.length === 1 && administrators[0]?.id === person.id;
}

const isLastAdministrator = (error: unknown) =>
  isOtklikError(error) && error.kind === 'problem' && error.problem.reason === 'last-administrator';

/** The confirmation: the new role picked in the dialog (a role change), or the removal asked again. */
function RoleDialog({
  change,
  busy,
  onRole,
  onConfirm,
  onCancel,
}: {
  change: PendingChange | null;
  busy: boolean;
  onRole: (role: StaffRole) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useT(peopleMessages);
  const email = change?.person.email ?? '';
  const removing = change?.kind === 'remove';
  const unchanged =
    change?.kind === 'role' &&
    change.person.roles.length === 1 &&
    change.person.roles[0]?.role === change.role;
  return (
    <Dialog
      open={change !== null}
      title={removing ? t('removeTitle', { email }) : t('changeTitle', { email })}
      role="alertdialog"
      onClose={onCancel}
      actions={
        <>
          <Button variant="secondary" onClick={onCancel} data-autofocus={removing ? '' : undefined}>
            {t('cancel')}
          </Button>
          {!unchanged && (
            <Button
              variant={removing ? 'danger' : 'primary'}
              busy={busy}
              busyLabel={t('applying')}
              onClick={onConfirm}
            >
              {removing ? t('removeConfirm') : t('changeConfirm')}
            </Button>
          )}
        </>
      }
    >
      {change &&
        (removing ? (
          <p>{t('removeText', { email })}</p>
        ) : (
          <>
            <p>
              {t('currentRoles', {
                roles: change.person.roles.map((r) => t(`role.${r.role}`)).join(', '),
              })}
            </p>
            <Select
              id="role-change"
              label={t('newRole')}
              value={change.role ?? ''}
              options={STAFF_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
              onValue={onRole}
              dialogFocus
            />
            {unchanged && <p class="field-hint">{t('sameRole')}</p>}
          </>
        ))}
    </Dialog>
  );
}

function Invite({ organizationId, onInvited }: { organizationId: string; onInvited: () => void }) {
  const { t } = useT(peopleMessages);
  const initial = { email: '', role: 'coordinator' as StaffRole, subtree: false, language: language.value };
  const form = useForm({
    schema: StaffInvitationInput,
    initial,
    onSubmit: async (values) => {
      await (await loadApi()).inviteStaffPerson(organizationId, values);
      form.reset(initial);
      toast(t('invited', { email: values.email }), 'success');
      onInvited();
    },
  });
  return (
    <section aria-labelledby="people-invite">
      <form
        class="form narrow"
        ref={form.ref}
        onSubmit={form.submit}
        noValidate
        aria-labelledby="people-invite"
      >
        <h2 id="people-invite">{t('inviteTitle')}</h2>
        <FormAlert error={form.formError} />
        <TextInput
          {...form.field('email')}
          label={t('inviteEmail')}
          type="email"
          autoComplete="off"
          required
        />
        <Select
          {...form.field('role')}
          label={t('inviteRole')}
          options={STAFF_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          required
        />
        <div class="form-actions">
          <Button type="submit" busy={form.busy.value} busyLabel={t('sending')}>
            {t('invite')}
          </Button>
        </div>
      </form>
    </section>
  );
}
