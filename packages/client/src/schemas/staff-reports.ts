/** Wire format of the monthly appeal report (ССТУ categories) and the thematic classifier of appeals. */
import * as v from 'valibot';
import { AppealStats } from './appeals.ts';
import { IsoDate, IsoTimestamp, Language, OrganizationId, PageQuery, pageOf } from './common.ts';
import { PlainString } from './text.ts';

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Flag = v.optional(
  v.pipe(
    v.picklist(['true', 'false']),
    v.transform((s) => s === 'true'),
  ),
  'false',
);

/** A calendar month, `YYYY-MM` (there is no year 0). */
export const ReportMonth = v.pipe(
  v.string(),
  v.regex(/^(?!0000)\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month as YYYY-MM'),
);

/** A code of the thematic classifier of appeals: four groups of four digits (`0005.0005.0056.1149`). */
export const ClassifierCode = v.pipe(
  v.string(),
  v.regex(/^\d{4}\.\d{4}\.\d{4}\.\d{4}$/, 'Expected a code like 0002.0013.0000.0000'),
);

/** Query of the monthly report and its exports. */
export const AppealReportQuery = v.object({
  /** The month; the current month on the organisation's clock when absent. */
  month: v.optional(ReportMonth),
  /** Also every organisation below this one (direct and deeper). */
  includeSubordinates: Flag,
});

/** Query of the report's CSV export. */
export const AppealReportCsvQuery = v.object({
  month: v.optional(ReportMonth),
  includeSubordinates: Flag,
  /** `semicolon` for Excel with Russian or Belarusian regional settings. */
  separator: v.optional(v.picklist(['comma', 'semicolon']), 'comma'),
});

/** One organisation's own figures (nothing below it counted) in the report. */
export const AppealReportOrganization = v.object({
  organizationId: OrganizationId,
  name: v.string(),
  /** The organisation's short name where it has one (for narrow screens); `null` when it has none. */
  shortName: v.nullable(v.string()),
  /** `null` for the report's own organisation. */
  parentId: v.nullable(OrganizationId),
  /** 0 for the report's organisation, 1 for those directly below it, and so on. */
  depth: Count,
  figures: AppealStats,
  /** Its appeals whose consideration was extended during the month. */
  extended: Count,
});
export type AppealReportOrganization = v.InferOutput<typeof AppealReportOrganization>;

/** Received appeals of one classifier code (`null`: topics not mapped to a code, or no topic). */
export const AppealReportTheme = v.object({
  code: v.nullable(ClassifierCode),
  /** The classifier's title of the code (`null` for the unclassified row). */
  title: v.nullable(v.string()),
  received: Count,
  byType: v.object({ proposal: Count, application: Count, complaint: Count }),
});
export type AppealReportTheme = v.InferOutput<typeof AppealReportTheme>;

/**
 * The monthly report on appeals in the categories of the State system of accounting for appeals
 * (ССТУ): received by type and by classifier code, considered by result, forwarded, extended, left
 * without answer, overdue. Figures only, no personal data.
 */
export const StaffAppealReport = v.object({
  organizationId: OrganizationId,
  organizationName: v.string(),
  month: ReportMonth,
  /** First and last day of the month. */
  from: IsoDate,
  to: IsoDate,
  /** The clock the month is counted on: the report's organisation's time zone. */
  timeZone: v.string(),
  includeSubordinates: v.boolean(),
  /** The sum over every organisation of the report. */
  total: AppealStats,
  /** Appeals whose consideration was extended during the month (over every organisation). */
  extended: Count,
  /** Each organisation's own figures, the report's organisation first, then the tree depth first. */
  organizations: v.array(AppealReportOrganization),
  /** Received during the month by classifier code, in code order, the unclassified last. */
  themes: v.array(AppealReportTheme),
  generatedAt: IsoTimestamp,
});
export type StaffAppealReport = v.InferOutput<typeof StaffAppealReport>;

/** One entry of the classifier. */
export const ClassifierEntry = v.object({
  code: ClassifierCode,
  /** 1 section, 2 theme, 3 subject, 4 question. */
  level: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(4)),
  title: v.string(),
});
export type ClassifierEntry = v.InferOutput<typeof ClassifierEntry>;

/** Query of the classifier: a search in codes and titles, optionally one level only. */
export const ClassifierQuery = v.object({
  q: v.optional(v.pipe(PlainString, v.trim(), v.maxLength(200))),
  /** Codes starting with this prefix, e.g. `0002.0013`. */
  prefix: v.optional(v.pipe(v.string(), v.regex(/^\d{4}(\.\d{4}){0,3}$/, 'Expected e.g. 0002.0013'))),
  ...PageQuery,
});
export const ClassifierPage = pageOf(ClassifierEntry);
export type ClassifierPage = v.InferOutput<typeof ClassifierPage>;

/** The full classifier as CSV text: `code;title` (or comma separated), a header row optional. */
export const ClassifierImport = v.object({
  csv: v.pipe(PlainString, v.minLength(1), v.maxLength(8 * 1024 * 1024)),
  /** Check only: say what the import would do, change nothing. */
  dryRun: v.optional(v.boolean(), false),
});
export const ClassifierImportResult = v.object({
  /** Rows added or changed (on a dry run: that would be). */
  imported: Count,
  /** Of them, codes new to the classifier. */
  added: Count,
  /** Of them, known codes whose title changes. */
  renamed: Count,
  /** Rows already in the classifier as they are. */
  unchanged: Count,
  /** Entries in the classifier afterwards (on a dry run: that there would be). */
  total: Count,
  /** Whether this was a check only (nothing changed). */
  dryRun: v.boolean(),
});
export type ClassifierImportResult = v.InferOutput<typeof ClassifierImportResult>;

/** The topic list's language. */
export const TopicCodesQuery = v.object({ language: v.optional(Language) });

/** The organisation's topics with the classifier code each is reported under. */
export const TopicCodeList = v.object({
  items: v.array(
    v.object({
      topicId: v.string(),
      /** The topic's name in the query's language, else the organisation's first. */
      name: v.string(),
      archived: v.boolean(),
      code: v.nullable(ClassifierCode),
      /** The classifier's title of the code. */
      title: v.nullable(v.string()),
    }),
  ),
  /** Entries in the classifier (0: the portal administrator has not imported it yet). */
  classifierSize: Count,
});
export type TopicCodeList = v.InferOutput<typeof TopicCodeList>;

/** The code a topic is reported under; `null` removes it. */
export const TopicCodeInput = v.object({ code: v.nullable(ClassifierCode) });
export const TopicCode = v.object({ topicId: v.string(), code: v.nullable(ClassifierCode) });
