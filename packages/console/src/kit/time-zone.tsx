import { COUNTRY_TIME_ZONES } from '@otklik/client/schemas';
import { useT } from '../i18n/translate.ts';
import type { FieldProps } from './field.tsx';
import { Select } from './inputs.tsx';
import { timeZoneMessages } from './time-zone.messages.ts';

export const RUSSIAN_ZONES = COUNTRY_TIME_ZONES.RU;
export const BELARUSIAN_ZONES = COUNTRY_TIME_ZONES.BY;
type KnownZone = (typeof RUSSIAN_ZONES)[number] | (typeof BELARUSIAN_ZONES)[number];
const KNOWN: readonly string[] = [...RUSSIAN_ZONES, ...BELARUSIAN_ZONES];
const isKnown = (zone: string): zone is KnownZone => KNOWN.includes(zone);

/**
 * The zone's offset from UTC now, as "UTC+3" (computed, not written down: it follows the time-zone
 * data the browser has); null for a name the browser does not know.
 */
export function utcOffset(zone: string, at: Date = new Date()): string | null {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    return part === undefined ? null : part.replace(/^GMT/, 'UTC').replace(/^UTC$/, 'UTC+0');
  } catch {
    return null;
  }
}

/** A zone as a person reads it: "Москва (UTC+3)"; one not in the list by its id ("Asia/Tomsk (UTC+7)"). */
export function useZoneName(): (zone: string) => string {
  const { t } = useT(timeZoneMessages);
  return (zone) => {
    const offset = utcOffset(zone);
    const name = isKnown(zone) ? t(zone) : zone;
    return offset === null ? name : t('zone', { name, offset });
  };
}

export interface TimeZoneSelectProps extends FieldProps {
  value: string;
  onValue: (zone: string) => void;
  /** Only the zones of this country (and a value already held); both countries' when not given. */
  country?: 'RU' | 'BY' | undefined;
}

/**
 * The organisation's time zone, chosen among the zones of Russia and Belarus named in the reader's
 * language. A zone held already but not in the list (set before, or through the API) is shown by its
 * id and kept: nothing changes unless the person picks another.
 */
export function TimeZoneSelect({ value, onValue, country, ...field }: TimeZoneSelectProps) {
  const zoneName = useZoneName();
  const zones: readonly string[] =
    country === 'RU' ? RUSSIAN_ZONES : country === 'BY' ? BELARUSIAN_ZONES : KNOWN;
  const listed = value === '' || zones.includes(value) ? zones : [value, ...zones];
  return (
    <Select
      {...field}
      value={value}
      onValue={onValue}
      options={listed.map((zone) => ({ value: zone, label: zoneName(zone) }))}
    />
  );
}
