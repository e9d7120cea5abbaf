/**
 * Working-day calendar: Vietnamese lunar calendar (UTC+7), statutory holidays as dated legal data,
 * Government overrides, and deadlines counted in working days. Other code imports from here only.
 */
export { CalendarErrors } from './errors.js';
export {
  dayInVietnam,
  VN_UTC_OFFSET_HOURS,
  endOfDayInstant,
  formatJdn,
  isValidYmd,
  jdnFromYmd,
  jdnOfInstant,
  parseIsoDate,
  startOfDayInstant,
  ymdFromJdn,
  type DayInput,
  type IsoDate,
  type Ymd,
} from './civil-date.js';
export {
  CHINA_TZ,
  LUNAR_MAX_YEAR,
  LUNAR_MIN_YEAR,
  VIETNAM_TZ,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  solarToLunar,
  type LunarDate,
  type SolarDate,
} from './lunar.js';
export {
  DEFAULT_HOLIDAY_LAWS,
  DEFAULT_WEEKLY_REST_DAYS,
  LABOUR_CODE_2012,
  LABOUR_CODE_2019,
  type HolidayAnchor,
  type HolidayDecision,
  type HolidayLaw,
  type HolidayRule,
} from './holiday-rules.js';
export { holidaysOf, lawForYear, type Holiday, type HolidayOptions } from './holidays.js';
export {
  WorkingCalendar,
  type CalendarDayOff,
  type CalendarOverride,
  type DeadlineStatus,
  type WorkingCalendarOptions,
  type WorkingDeadline,
} from './working-days.js';
