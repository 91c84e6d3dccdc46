import './settings.css';
import { OrganizationId } from '@otklik/client/schemas';
import type { ComponentType } from 'preact';
import { useLocation } from 'preact-iso/router';
import * as v from 'valibot';
import { useT } from '../../i18n/translate.ts';
import { Button } from '../../kit/button.tsx';
import { useForm } from '../../kit/form.ts';
import { FormAlert } from '../../kit/form-alert.tsx';
import { TextInput } from '../../kit/inputs.tsx';
import { PageHeader } from '../../kit/page-header.tsx';
import { Loaded, useLoad } from '../../kit/states.tsx';
import { TabPanel, Tabs } from '../../kit/tabs.tsx';
import { BASE } from '../../routes.ts';
import { session } from '../../session.ts';
import { OrganizationTab } from './organization-tab.tsx';
import { settingsMessages } from './settings.messages.ts';
import { connectWithApiKey, staffClient } from './staff-client.ts';

export const SETTINGS_TABS = [
  'organization',
  'sites',
  'consent',
  'topics',
  'classifier',
  'identity',
  'attachments',
  'ratings',
  'embed',
] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

type TabScreen = ComponentType<{ organizationId: string }>;

/**
 * Each tab's screen. The first tab comes with the settings screen; the others load when first shown,
 * so the screen a person lands on carries one tab, not nine (the console's 80 KB first-screen budget).
 */
const TAB_SCREENS: Record<SettingsTab, () => Promise<TabScreen>> = {
  organization: async () => OrganizationTab,
  sites: () => import('./sites-tab.tsx').then((m) => m.SitesTab),
  consent: () => import('./consent-tab.tsx').then((m) => m.ConsentTab),
  topics: () => import('./topics-tab.tsx').then((m) => m.TopicsTab),
  classifier: () => import('./classifier-tab.tsx').then((m) => m.ClassifierTab),
  identity: () => import('./options-tabs.tsx').then((m) => m.IdentityTab),
  attachments: () => import('./options-tabs.tsx').then((m) => m.AttachmentsTab),
  ratings: () => import('./options-tabs.tsx').then((m) => m.RatingsTab),
  embed: () => import('./embed-tab.tsx').then((m) => m.EmbedTab),
};

/** The selected tab's screen once its module is here (a skeleton until then; a failed load can be retried). */
function TabContent({ tab, organizationId }: { tab: SettingsTab; organizationId: string }) {
  const screen = useLoad(() => TAB_SCREENS[tab](), [tab]);
  return <Loaded load={screen}>{(Screen) => <Screen organizationId={organizationId} />}</Loaded>;
}

/** `/console/settings/{organizationId}/{tab}` → its parts (the tab defaults to the first). */
export function parseSettingsPath(path: string): { organizationId: string | null; tab: SettingsTab } {
  const [org, tab] = path.slice(`${BASE}/settings`.length).split('/').filter(Boolean);
  return {
    organizationId: org !== undefined && v.is(OrganizationId, org) ? org : null,
    tab: SETTINGS_TABS.includes(tab as SettingsTab) ? (tab as SettingsTab) : 'organization',
  };
}

export const settingsPath = (organizationId: string, tab: SettingsTab = 'organization') =>
  `${BASE}/settings/${organizationId}/${tab}`;

/**
 * The organisation's settings: one tab per concern (CONSOLE.md, "Settings"). The organisation comes
 * from the path; without a signed-in session the screen first asks for the organisation and an API key.
 */
export default function SettingsScreen() {
  const { t } = useT(settingsMessages);
  const { path, route } = useLocation();
  const parsed = parseSettingsPath(path);
  const { tab } = parsed;
  const signedIn = session.value?.organization.id;
  // Signed in, the session's client is set and the chosen organisation is the default.
  const organizationId = parsed.organizationId ?? (staffClient.value && signedIn ? signedIn : null);
  if (organizationId === null || staffClient.value === null) {
    return (
      <>
        <PageHeader title={t('title')} description={t('description')} />
        <ChooseOrganization
          initial={organizationId ?? signedIn ?? ''}
          onOpen={(id) => route(settingsPath(id, tab))}
        />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Tabs
        label={t('tabsLabel')}
        idPrefix="settings"
        tabs={SETTINGS_TABS.map((id) => ({ id, label: t(`tab.${id}`) }))}
        selected={tab}
        onSelect={(id) => route(settingsPath(organizationId, id))}
      />
      <TabPanel idPrefix="settings" selected={tab}>
        <TabContent key={`${organizationId}/${tab}`} tab={tab} organizationId={organizationId} />
      </TabPanel>
    </>
  );
}

const ChooseForm = v.object({
  organizationId: OrganizationId,
  apiKey: v.pipe(v.string(), v.trim(), v.minLength(1)),
});

/** Until staff sign-in: which organisation, and its API key (kept in memory only). */
function ChooseOrganization({ initial, onOpen }: { initial: string; onOpen: (id: string) => void }) {
  const { t } = useT(settingsMessages);
  const form = useForm({
    schema: ChooseForm,
    initial: { organizationId: initial, apiKey: '' },
    onSubmit: async ({ organizationId, apiKey }) => {
      const client = connectWithApiKey(apiKey);
      // Fails here (wrong key, unknown organisation) rather than on every tab.
      await client.getOrganizationSettings(organizationId);
      onOpen(organizationId);
    },
  });
  return (
    <section class="settings-section narrow" aria-labelledby="settings-choose">
      <h2 id="settings-choose">{t('chooseTitle')}</h2>
      <p>{t('chooseText')}</p>
      <form class="form" ref={form.ref} onSubmit={form.submit} noValidate>
        <FormAlert error={form.formError} />
        <TextInput
          label={t('organizationId')}
          required
          autoComplete="off"
          {...form.field('organizationId')}
        />
        <TextInput
          label={t('apiKey')}
          required
          type="password"
          autoComplete="off"
          {...form.field('apiKey')}
        />
        <div class="form-actions">
          <Button type="submit" busy={form.busy.value}>
            {t('open')}
          </Button>
        </div>
      </form>
    </section>
  );
}
