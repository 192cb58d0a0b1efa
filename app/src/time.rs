//! Times are stored in UTC (Unix seconds) and shown in Taiwan time (UTC+8, no daylight
//! saving), with the zone said, so an admin comparing with a server log is never confused.

const TAIPEI_OFFSET: i64 = 8 * 3600;

/// Days since 1970-01-01 → (year, month, day), Howard Hinnant's civil-from-days.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// (year, month, day) → days since 1970-01-01, the inverse of `civil`.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2026-11-22 14:03:05` in Taiwan time.
pub fn taipei_datetime(unix: i64) -> String {
    let local = unix + TAIPEI_OFFSET;
    let (y, m, d) = civil(local.div_euclid(86_400));
    let secs = local.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// `2026-11-22`, the day in Taiwan (what a date field holds).
pub fn taipei_date(unix: i64) -> String {
    taipei_datetime(unix)[..10].to_string()
}

/// `2026-11-22 14:03:05Z` in UTC, for exports.
pub fn utc_datetime(unix: i64) -> String {
    let (y, m, d) = civil(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// The start of a `YYYY-MM-DD` day in Taiwan, as Unix seconds.
pub fn parse_taipei_date(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1970..=9999).contains(&y) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    // Refuse 2026-02-30 rather than roll it over.
    (civil(days) == (y, m, d)).then_some(days * 86_400 - TAIPEI_OFFSET)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taipei_is_utc_plus_eight() {
        assert_eq!(taipei_datetime(0), "1970-01-01 08:00:00");
        // Checked against Python's datetime with a +08:00 zone.
        assert_eq!(taipei_datetime(1_795_000_000), "2026-11-18 19:06:40");
        assert_eq!(utc_datetime(1_795_000_000), "2026-11-18T11:06:40Z");
        assert_eq!(parse_taipei_date("2026-11-18"), Some(1_794_931_200));
        assert_eq!(parse_taipei_date("2024-02-29").map(taipei_datetime).as_deref(), Some("2024-02-29 00:00:00"));
        assert_eq!(parse_taipei_date("2026-02-30"), None);
        assert_eq!(parse_taipei_date("yesterday"), None);
    }
}
