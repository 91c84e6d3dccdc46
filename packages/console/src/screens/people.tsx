import { STAFF_ROLES, type StaffRole } from '@otklik/client/contract';
import { StaffInvitationInput } from '@otklik/client/schemas';
import { useSignal } from '@preact/signals';
import { language } from '../i18n/language.ts';
import { useT } from '../i18n/translate.ts';
import { toast } from '../kit/announcer.tsx';
import { Button } from '../kit/button.tsx';
import { useForm } from '../kit/form.ts';
import { FormAlert } from '../kit/form-alert.tsx';
import { Select, TextInput } from '../kit/inputs.tsx';
import { PageHeader } from '../kit/page-header.tsx';
import { EmptyState, Loaded, useLoad } from '../kit/states.tsx';
import { session } from '../session.ts';
import { loadApi, SignedIn, Table } from './access-kit.tsx';
import { peopleMessages } from './people.messages.ts';

/** The organisation's people and roles: invite by e-mail, change a role, remove from the organisation. */
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
  const roleOptions = STAFF_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
  const setRole = async (personId: string, role: StaffRole | null) => {
    try {
      await (await loadApi()).setStaffPersonRoles(organizationId, personId, {
        roles: role === null ? [] : [{ role, subtree: false }],
      });
      toast(role === null ? t('removed') : t('changed'), 'success');
      refresh();
    } catch {
      toast(t('changeFailed'), 'error');
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
            <Table
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
                  cell: (p) => (
                    <div class="form-actions">
                      <Select
                        id={`role-${p.id}`}
                        label={t('changeRole', { email: p.email })}
                        value={p.roles[0]?.role ?? ''}
                        options={roleOptions}
                        onValue={(role) => void setRole(p.id, role)}
                      />
                      <Button variant="danger" onClick={() => void setRole(p.id, null)}>
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
      <Invite organizationId={organizationId} onInvited={refresh} />
    </>
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
