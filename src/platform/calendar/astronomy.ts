/**
 * The two astronomical quantities a Vietnamese (or Chinese) lunisolar calendar needs: when each new moon
 * happens, and where the sun is on the ecliptic. Both are the low-precision series of Jean Meeus
 * (new moon: "Astronomical Formulae for Calculators", epoch 1900; sun: "Astronomical Algorithms", ch. 25),
 * the same choice as Hồ Ngọc Đức's published algorithm for the Vietnamese calendar, so our dates agree
 * with the calendars printed in Vietnam. Their error is a few minutes, which matters only when a new moon
 * falls within minutes of local midnight. Against the full Meeus series (ch. 49, with the planetary terms)
 * the simplified one starts a month on a different day at UTC+7 only four times in 1900–2100, each a new
 * moon within about a minute of midnight, inside the uncertainty of ΔT: 1944-06-20, 1967-07-07 (before
 * Vietnam adopted UTC+7 for its calendar), 2072-12-09 and 2077-11-15. Solar-term precision (nutation,
 * aberration) changes no month in that range.
 *
 * Times are Julian Dates (JD: days since noon UT, 1 January 4713 BC), fractional, in Universal Time.
 */

const DEG = Math.PI / 180;

/** Mean length of a lunation (new moon to new moon), days. */
export const SYNODIC_MONTH = 29.530588853;

/** JD of the mean new moon numbered k = 0 (1900-01-01 ≈ 13:51 UT); new moon k is about k lunations later. */
export const NEW_MOON_EPOCH_JD = 2415021.076998695;

/**
 * JD (UT) of the k-th new moon after the one of January 1900 (k may be negative).
 * Mean new moon, plus the periodic terms from the Sun's and Moon's anomalies and the Moon's argument of
 * latitude, minus ΔT (TT − UT) so that the result is in Universal Time.
 */
export function newMoonJd(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900 January 0.5
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = (359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3) * DEG; // Sun's mean anomaly
  const Mpr = (306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3) * DEG; // Moon's mean anomaly
  const F = (21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3) * DEG; // Moon's argument of latitude
  const correction =
    (0.1734 - 0.000393 * T) * Math.sin(M) +
    0.0021 * Math.sin(2 * M) -
    0.4068 * Math.sin(Mpr) +
    0.0161 * Math.sin(2 * Mpr) -
    0.0004 * Math.sin(3 * Mpr) +
    0.0104 * Math.sin(2 * F) -
    0.0051 * Math.sin(M + Mpr) -
    0.0074 * Math.sin(M - Mpr) +
    0.0004 * Math.sin(2 * F + M) -
    0.0004 * Math.sin(2 * F - M) -
    0.0006 * Math.sin(2 * F + Mpr) +
    0.001 * Math.sin(2 * F - Mpr) +
    0.0005 * Math.sin(2 * Mpr + M);
  // ΔT in days: a polynomial fit, the second branch covering roughly AD 800 onward.
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + correction - deltaT;
}

/**
 * True (geometric) ecliptic longitude of the Sun at a JD, in degrees [0, 360).
 * Mean longitude plus the equation of centre; nutation and aberration (< 0.01°) are ignored, as in the
 * published algorithm, because only the 30° sector the Sun is in matters here.
 */
export function sunLongitudeDeg(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries from J2000.0
  const T2 = T * T;
  const M = (357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2) * DEG; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  const centre =
    (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M) +
    (0.019993 - 0.000101 * T) * Math.sin(2 * M) +
    0.00029 * Math.sin(3 * M);
  const L = (L0 + centre) % 360;
  return L < 0 ? L + 360 : L;
}
