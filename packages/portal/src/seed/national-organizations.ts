/**
 * The organisations of the national data set: ministries → regional bodies → district bodies →
 * schools, kindergartens, polyclinics…, in Russia and Belarus, with services and coordinates.
 * Pure (no database): the same seed always builds the same list, parents before children.
 */
import type { Random } from './random.ts';

export type Country = 'RU' | 'BY';

export interface GeneratedService {
  id: string;
  name: string;
}

export interface GeneratedOrganization {
  id: string;
  name: string;
  shortName: string | null;
  country: Country;
  sphere: string;
  category: string;
  parentId: string | null;
  address: string;
  website: string | null;
  lat: number | null;
  lon: number | null;
  timeZone: string;
  /** Offset of `timeZone` from UTC, e.g. `+03:00` (the zones used have no daylight saving). */
  utcOffset: string;
  languages: string[];
  services: GeneratedService[];
  /** Relative share of the ratings it receives; 0 for an organisation nobody rates. */
  popularity: number;
}

/** Every generated id starts with this, so generated data never collides with the demo's. */
export const GENERATED_ID_PREFIX = 'gen-';

interface Region {
  code: string;
  name: string;
  genitive: string;
  lat: number;
  lon: number;
  timeZone: string;
  utcOffset: string;
}

/** Where the ministries are: the region (for coordinates) and the city. */
const CAPITAL: Record<Country, { region: string; city: string }> = {
  BY: { region: 'minsk', city: 'г. Минск' },
  RU: { region: 'moscow-region', city: 'г. Москва' },
};
const msk = { timeZone: 'Europe/Moscow', utcOffset: '+03:00' };
const REGIONS: Record<Country, Region[]> = {
  BY: [
    { code: 'brest', name: 'Брестская область', genitive: 'Брестской области', lat: 52.1, lon: 23.7 },
    { code: 'vitebsk', name: 'Витебская область', genitive: 'Витебской области', lat: 55.19, lon: 30.2 },
    { code: 'gomel', name: 'Гомельская область', genitive: 'Гомельской области', lat: 52.44, lon: 30.98 },
    { code: 'grodno', name: 'Гродненская область', genitive: 'Гродненской области', lat: 53.68, lon: 23.83 },
    { code: 'minsk-region', name: 'Минская область', genitive: 'Минской области', lat: 53.7, lon: 27.9 },
    { code: 'mogilev', name: 'Могилёвская область', genitive: 'Могилёвской области', lat: 53.9, lon: 30.33 },
    { code: 'minsk', name: 'г. Минск', genitive: 'г. Минска', lat: 53.9, lon: 27.56 },
  ].map((r) => ({ ...r, timeZone: 'Europe/Minsk', utcOffset: '+03:00' })),
  RU: [
    {
      code: 'moscow-region',
      name: 'Московская область',
      genitive: 'Московской области',
      lat: 55.75,
      lon: 37.6,
      ...msk,
    },
    {
      code: 'leningrad',
      name: 'Ленинградская область',
      genitive: 'Ленинградской области',
      lat: 59.9,
      lon: 30.3,
      ...msk,
    },
    { code: 'tver', name: 'Тверская область', genitive: 'Тверской области', lat: 56.86, lon: 35.9, ...msk },
    {
      code: 'yaroslavl',
      name: 'Ярославская область',
      genitive: 'Ярославской области',
      lat: 57.6,
      lon: 39.9,
      ...msk,
    },
    {
      code: 'nizhny',
      name: 'Нижегородская область',
      genitive: 'Нижегородской области',
      lat: 56.3,
      lon: 44.0,
      ...msk,
    },
    {
      code: 'tatarstan',
      name: 'Республика Татарстан',
      genitive: 'Республики Татарстан',
      lat: 55.8,
      lon: 49.1,
      ...msk,
    },
    {
      code: 'voronezh',
      name: 'Воронежская область',
      genitive: 'Воронежской области',
      lat: 51.66,
      lon: 39.2,
      ...msk,
    },
    {
      code: 'krasnodar',
      name: 'Краснодарский край',
      genitive: 'Краснодарского края',
      lat: 45.0,
      lon: 38.97,
      ...msk,
    },
    {
      code: 'rostov',
      name: 'Ростовская область',
      genitive: 'Ростовской области',
      lat: 47.2,
      lon: 39.7,
      ...msk,
    },
    {
      code: 'samara',
      name: 'Самарская область',
      genitive: 'Самарской области',
      lat: 53.2,
      lon: 50.1,
      timeZone: 'Europe/Samara',
      utcOffset: '+04:00',
    },
    {
      code: 'perm',
      name: 'Пермский край',
      genitive: 'Пермского края',
      lat: 58.0,
      lon: 56.2,
      timeZone: 'Asia/Yekaterinburg',
      utcOffset: '+05:00',
    },
    {
      code: 'sverdlovsk',
      name: 'Свердловская область',
      genitive: 'Свердловской области',
      lat: 56.8,
      lon: 60.6,
      timeZone: 'Asia/Yekaterinburg',
      utcOffset: '+05:00',
    },
    {
      code: 'chelyabinsk',
      name: 'Челябинская область',
      genitive: 'Челябинской области',
      lat: 55.16,
      lon: 61.4,
      timeZone: 'Asia/Yekaterinburg',
      utcOffset: '+05:00',
    },
    {
      code: 'novosibirsk',
      name: 'Новосибирская область',
      genitive: 'Новосибирской области',
      lat: 55.0,
      lon: 82.9,
      timeZone: 'Asia/Novosibirsk',
      utcOffset: '+07:00',
    },
  ],
};

/** District names are stem + "ский район" (genitive "ского района"). */
const DISTRICT_STEMS = [
  'Берёзов',
  'Заречен',
  'Озёр',
  'Камен',
  'Соснов',
  'Дубров',
  'Липов',
  'Ольхов',
  'Кленов',
  'Рябинов',
  'Вишнёв',
  'Светлов',
  'Красносель',
  'Новосёлков',
  'Старосель',
  'Белозёр',
  'Краснополь',
  'Приозер',
  'Лугов',
  'Полес',
  'Нагор',
  'Подгор',
  'Заозёр',
  'Жуков',
  'Орлов',
  'Соколов',
  'Волков',
  'Лебедев',
  'Гусев',
  'Уваров',
  'Иванов',
  'Петров',
  'Сергиев',
  'Николь',
  'Михайлов',
  'Покров',
  'Успен',
  'Воскресен',
  'Рождествен',
  'Преображен',
];
const STREETS = ['Ленина', 'Советская', 'Школьная', 'Молодёжная', 'Садовая', 'Центральная', 'Мира', 'Победы'];

const MINISTRY: Record<string, Record<Country, string>> = {
  education: {
    RU: 'Министерство просвещения Российской Федерации',
    BY: 'Министерство образования Республики Беларусь',
  },
  health: {
    RU: 'Министерство здравоохранения Российской Федерации',
    BY: 'Министерство здравоохранения Республики Беларусь',
  },
  social: {
    RU: 'Министерство труда и социальной защиты Российской Федерации',
    BY: 'Министерство труда и социальной защиты Республики Беларусь',
  },
  housing: {
    RU: 'Министерство строительства и жилищно-коммунального хозяйства Российской Федерации',
    BY: 'Министерство жилищно-коммунального хозяйства Республики Беларусь',
  },
};

/** Leaf organisations: what they are called and which services they offer. */
interface LeafKind {
  category: string;
  /** Share of the sphere's leaf organisations. */
  share: number;
  name: (n: number, place: string) => string;
  shortName: (n: number) => string;
  /** How many ratings one organisation of this kind attracts, relative to a school. */
  ratingWeight: number;
  services: readonly GeneratedService[];
}

/** A sphere: its administrative bodies and leaf organisations, and where the leaves hang. */
export interface SphereSpec {
  id: string;
  name: string;
  /** Share of all leaf organisations. */
  share: number;
  regional: (region: Region) => string;
  /** Name of the district body; without it the leaves hang under the regional body. */
  district?: (district: string) => string;
  leaves: readonly LeafKind[];
}

const s = (id: string, name: string): GeneratedService => ({ id, name });
const CERTIFICATES = s('certificates', 'Выдача справок');
const ADMIN_SERVICES = [
  s('reception', 'Личный приём граждан'),
  s('appeals', 'Рассмотрение обращений'),
  CERTIFICATES,
  s('procedures', 'Административные процедуры'),
];

export const SPHERES: readonly SphereSpec[] = [
  {
    id: 'education',
    name: 'Образование',
    share: 0.53,
    regional: (r) => `Управление образования ${r.genitive}`,
    district: (d) => `Отдел образования ${d}`,
    leaves: [
      {
        category: 'school',
        share: 0.6,
        name: (n, place) => `Средняя школа № ${n} ${place}`,
        shortName: (n) => `СШ № ${n}`,
        ratingWeight: 1,
        services: [
          s('general-education', 'Общее образование'),
          s('extra-education', 'Дополнительное образование'),
          s('meals', 'Школьное питание'),
          s('after-school', 'Группа продлённого дня'),
          s('enrolment', 'Приём в первый класс'),
          CERTIFICATES,
        ],
      },
      {
        category: 'kindergarten',
        share: 0.4,
        name: (n, place) => `Детский сад № ${n} ${place}`,
        shortName: (n) => `Д/с № ${n}`,
        ratingWeight: 0.8,
        services: [
          s('preschool', 'Дошкольное образование'),
          s('care', 'Присмотр и уход'),
          s('meals', 'Питание'),
          s('extra-education', 'Дополнительное образование'),
          s('enrolment', 'Зачисление в детский сад'),
        ],
      },
    ],
  },
  {
    id: 'health',
    name: 'Здравоохранение',
    share: 0.17,
    regional: (r) => `Управление здравоохранения ${r.genitive}`,
    district: (d) => `Отдел здравоохранения ${d}`,
    leaves: [
      {
        category: 'polyclinic',
        share: 0.7,
        name: (n, place) => `Поликлиника № ${n} ${place}`,
        shortName: (n) => `Поликлиника № ${n}`,
        ratingWeight: 2,
        services: [
          s('appointment', 'Запись на приём к врачу'),
          s('therapist', 'Приём терапевта'),
          s('diagnostics', 'Лабораторная диагностика'),
          s('vaccination', 'Вакцинация'),
          s('home-visit', 'Вызов врача на дом'),
          CERTIFICATES,
        ],
      },
      {
        category: 'hospital',
        share: 0.3,
        name: (n, place) => `Больница № ${n} ${place}`,
        shortName: (n) => `Больница № ${n}`,
        ratingWeight: 1.5,
        services: [
          s('inpatient', 'Стационарное лечение'),
          s('emergency', 'Приёмное отделение'),
          s('diagnostics', 'Диагностика'),
          s('surgery', 'Плановые операции'),
        ],
      },
    ],
  },
  {
    id: 'social',
    name: 'Социальная защита',
    share: 0.12,
    regional: (r) => `Комитет по труду, занятости и социальной защите ${r.genitive}`,
    leaves: [
      {
        category: 'social-service-centre',
        share: 1,
        name: (n, place) => `Территориальный центр социального обслуживания населения № ${n} ${place}`,
        shortName: (n) => `ТЦСОН № ${n}`,
        ratingWeight: 0.7,
        services: [
          s('home-care', 'Социальное обслуживание на дому'),
          s('day-care', 'Отделение дневного пребывания'),
          s('benefits', 'Консультации по пособиям'),
          s('rehabilitation', 'Реабилитация'),
          s('psychology', 'Психологическая помощь'),
        ],
      },
    ],
  },
  {
    id: 'housing',
    name: 'Жилищно-коммунальное хозяйство',
    share: 0.18,
    regional: (r) => `Управление жилищно-коммунального хозяйства ${r.genitive}`,
    leaves: [
      {
        category: 'management-company',
        share: 1,
        name: (n, place) => `Жилищно-эксплуатационная служба № ${n} ${place}`,
        shortName: (n) => `ЖЭС № ${n}`,
        ratingWeight: 0.9,
        services: [
          s('repairs', 'Заявки на ремонт'),
          s('cleaning', 'Уборка подъездов и территории'),
          s('heating', 'Отопление и горячая вода'),
          s('meters', 'Приём показаний счётчиков'),
          CERTIFICATES,
        ],
      },
    ],
  },
];

/** Sibling groups (children of one parent) stay within these bounds at full scale. */
export const GROUP_MIN = 5;
export const GROUP_MAX = 200;
/** About one district per this many organisations (325 districts for 13,000). */
const ORGANIZATIONS_PER_DISTRICT = 40;
const DISTRICTS_PER_REGION = 16;

interface District {
  region: Region;
  country: Country;
  id: string;
  name: string;
  genitive: string;
  /** City districts have many more schools than rural ones. */
  weight: number;
}

/** Splits `total` items into `weights.length` groups: each at least `min`, at most `max`, by weight. */
function allocate(total: number, weights: readonly number[], min: number, max: number, random: Random) {
  const counts = weights.map(() => Math.min(min, Math.floor(total / weights.length)));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const cap = Math.max(max, Math.ceil(total / weights.length));
  const sum = weights.reduce((a, b) => a + b, 0);
  while (left > 0) {
    let target = random.next() * sum;
    let index = 0;
    while (index < weights.length - 1 && target >= (weights[index] ?? 0)) target -= weights[index++] ?? 0;
    if ((counts[index] ?? 0) >= cap) continue;
    counts[index] = (counts[index] ?? 0) + 1;
    left--;
  }
  return counts;
}

function districtsOf(totalOrganizations: number, random: Random): District[] {
  const total = Math.max(2, Math.round(totalOrganizations / ORGANIZATIONS_PER_DISTRICT));
  const perCountry: [Country, number][] = [
    ['RU', Math.max(1, Math.round(total * 0.6))],
    ['BY', Math.max(1, total - Math.max(1, Math.round(total * 0.6)))],
  ];
  const districts: District[] = [];
  for (const [country, count] of perCountry) {
    const all = REGIONS[country];
    const regions = all.slice(0, Math.min(all.length, Math.max(1, Math.round(count / DISTRICTS_PER_REGION))));
    const sizes = allocate(
      count,
      regions.map(() => 0.6 + random.next() * 0.8),
      GROUP_MIN,
      DISTRICT_STEMS.length,
      random,
    );
    for (const [r, region] of regions.entries()) {
      const stems = random.shuffle(DISTRICT_STEMS).slice(0, sizes[r] ?? 0);
      for (const [d, stem] of stems.entries()) {
        districts.push({
          region,
          country,
          id: `${country.toLowerCase()}-${region.code}-d${String(d + 1).padStart(2, '0')}`,
          name: `${stem}ский район`,
          genitive: `${stem}ского района`,
          weight: Math.exp(random.normal(0, 0.7)),
        });
      }
    }
  }
  return districts;
}

/** Where an organisation is: `label` ends its name (genitive), `address` starts its address. */
interface Place {
  country: Country;
  region: Region;
  label: string;
  address: string;
}

const addressOf = (district: District) => `${district.region.name}, ${district.name}`;

/**
 * Builds `count` organisations (exactly) under one ministry per country and sphere. At 13,000:
 * 12 Russian and 7 Belarusian regions, 325 districts, 734 sibling groups of 5–138 (median 10), and
 * 2,400 Russian schools ranked together within their sphere.
 */
export function buildOrganizations(count: number, random: Random): GeneratedOrganization[] {
  const districts = districtsOf(count, random);
  const regions = [...new Map(districts.map((d) => [`${d.country}-${d.region.code}`, d])).values()];
  const orgs: GeneratedOrganization[] = [];
  const add = (
    fields: Pick<GeneratedOrganization, 'id' | 'name' | 'shortName' | 'sphere' | 'category' | 'parentId'>,
    place: Place,
    services: readonly GeneratedService[],
    popularity: number,
  ) => {
    const located = random.chance(0.92);
    const org: GeneratedOrganization = {
      ...fields,
      id: `${GENERATED_ID_PREFIX}${fields.id}`,
      parentId: fields.parentId === null ? null : `${GENERATED_ID_PREFIX}${fields.parentId}`,
      country: place.country,
      address: `${place.address}, ул. ${random.pick(STREETS)}, ${random.int(1, 120)}`,
      website: random.chance(0.3) ? `https://${fields.id}.example` : null,
      lat: located ? round(clamp(place.region.lat + random.normal(0, 0.5), -90, 90), 5) : null,
      lon: located ? round(clamp(place.region.lon + random.normal(0, 0.9), -180, 180), 5) : null,
      timeZone: place.region.timeZone,
      utcOffset: place.region.utcOffset,
      languages: place.country === 'BY' ? ['ru', 'be'] : ['ru'],
      services: pickServices(services, random),
      popularity,
    };
    orgs.push(org);
  };

  // Administrative bodies first, so every parent precedes its children.
  for (const sphere of SPHERES) {
    for (const country of ['RU', 'BY'] as const) {
      const capital = REGIONS[country].find((r) => r.code === CAPITAL[country].region) as Region;
      const ministryId = `${country.toLowerCase()}-${sphere.id}`;
      add(
        {
          id: ministryId,
          name: MINISTRY[sphere.id]?.[country] ?? sphere.name,
          shortName: null,
          sphere: sphere.id,
          category: 'ministry',
          parentId: null,
        },
        { country, region: capital, label: capital.genitive, address: CAPITAL[country].city },
        ADMIN_SERVICES,
        0.5,
      );
      for (const { region } of regions.filter((d) => d.country === country)) {
        add(
          {
            id: `${country.toLowerCase()}-${region.code}-${sphere.id}`,
            name: sphere.regional(region),
            shortName: null,
            sphere: sphere.id,
            category: 'department',
            parentId: ministryId,
          },
          { country, region, label: region.genitive, address: region.name },
          ADMIN_SERVICES,
          0.3,
        );
      }
      if (sphere.district === undefined) continue;
      for (const district of districts.filter((d) => d.country === country)) {
        add(
          {
            id: `${district.id}-${sphere.id}`,
            name: sphere.district(district.genitive),
            shortName: null,
            sphere: sphere.id,
            category: 'department',
            parentId: `${country.toLowerCase()}-${district.region.code}-${sphere.id}`,
          },
          { country, region: district.region, label: district.genitive, address: addressOf(district) },
          ADMIN_SERVICES,
          0.3,
        );
      }
    }
  }

  // Leaves: what is left of `count`, split by sphere and kind, then over the parent bodies by weight.
  const leafTotal = Math.max(0, count - orgs.length);
  const sphereSizes = allocate(
    leafTotal,
    SPHERES.map((sphere) => sphere.share),
    0,
    leafTotal,
    random,
  );
  for (const [index, sphere] of SPHERES.entries()) {
    const parents = sphere.district
      ? districts.map((d) => ({
          key: `${d.id}-${sphere.id}`,
          country: d.country,
          region: d.region,
          label: d.genitive,
          address: addressOf(d),
          weight: d.weight,
        }))
      : regions.map((d) => ({
          key: `${d.country.toLowerCase()}-${d.region.code}-${sphere.id}`,
          country: d.country,
          region: d.region,
          label: d.region.genitive,
          address: d.region.name,
          weight: 1,
        }));
    const perParent = allocate(
      sphereSizes[index] ?? 0,
      parents.map((p) => p.weight),
      GROUP_MIN,
      GROUP_MAX,
      random,
    );
    for (const [p, parent] of parents.entries()) {
      const numbers = new Map<string, number>();
      for (let i = 0; i < (perParent[p] ?? 0); i++) {
        const kind = pickKind(sphere.leaves, random);
        const n = (numbers.get(kind.category) ?? 0) + 1;
        numbers.set(kind.category, n);
        // A tenth of the organisations get no ratings; the rest have a long-tailed popularity.
        const popularity = random.chance(0.1) ? 0 : kind.ratingWeight * Math.exp(random.normal(0, 0.8));
        add(
          {
            id: `${parent.key}-${kind.category}-${n}`,
            name: kind.name(n, parent.label),
            shortName: kind.shortName(n),
            sphere: sphere.id,
            category: kind.category,
            parentId: parent.key,
          },
          parent,
          kind.services,
          popularity,
        );
      }
    }
  }
  return orgs.slice(0, count);
}

function pickKind(kinds: readonly LeafKind[], random: Random): LeafKind {
  let target = random.next();
  for (const kind of kinds) {
    if (target < kind.share) return kind;
    target -= kind.share;
  }
  return kinds[kinds.length - 1] as LeafKind;
}

/** Two to six of the catalogue's services (as many as it has), in catalogue order. */
function pickServices(catalogue: readonly GeneratedService[], random: Random): GeneratedService[] {
  const wanted = random.int(2, Math.min(6, catalogue.length));
  const chosen = new Set<number>([0]);
  while (chosen.size < wanted) chosen.add(random.int(0, catalogue.length - 1));
  return catalogue.filter((_, index) => chosen.has(index));
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
