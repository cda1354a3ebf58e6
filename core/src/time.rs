//! Calendar times at the edges of the core: the context's `now` (RFC 3339 text) and the dates
//! a certificate message shows. The civil-date arithmetic is `der`'s `DateTime`, which x509-cert
//! already compiles in, so checking that 2026-02-31 does not exist costs the WASM build nothing.
use der::DateTime;
use std::time::Duration;

/// `2026-11-22T12:00:00Z`, `2026-11-22T12:00:00.5+01:00`, or a date alone, to Unix seconds.
/// A date that does not exist (`2026-02-31`), a field out of range, or a time before 1970 (the
/// core checks certificates against now, which is never then) is `None`.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    let num = |a: usize, b: usize| -> Option<u16> {
        let t = s.get(a..b)?;
        t.bytes().all(|c| c.is_ascii_digit()).then(|| t.parse().ok()).flatten()
    };
    if s.get(4..5)? != "-" || s.get(7..8)? != "-" {
        return None;
    }
    let (y, mo, d) = (num(0, 4)?, u8::try_from(num(5, 7)?).ok()?, u8::try_from(num(8, 10)?).ok()?);
    if s.len() == 10 {
        return unix(DateTime::new(y, mo, d, 0, 0, 0).ok()?, 0);
    }
    if !matches!(s.get(10..11)?, "T" | "t" | " ") || s.get(13..14)? != ":" || s.get(16..17)? != ":" {
        return None;
    }
    let (h, mi, se) = (u8::try_from(num(11, 13)?).ok()?, u8::try_from(num(14, 16)?).ok()?, u8::try_from(num(17, 19)?).ok()?);
    // RFC 3339 allows a leap second (:60); a second earlier is close enough for a validity check.
    let se = if se == 60 { 59 } else { se };
    let mut rest = s.get(19..)?;
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let t = rest.get(1..)?;
            if t.len() != 5 || t.get(2..3)? != ":" {
                return None;
            }
            let oh: i64 = t.get(..2)?.parse().ok()?;
            let om: i64 = t.get(3..)?.parse().ok()?;
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    unix(DateTime::new(y, mo, d, h, mi, se).ok()?, offset)
}

fn unix(t: DateTime, offset: i64) -> Option<i64> {
    i64::try_from(t.unix_duration().as_secs()).ok()?.checked_sub(offset)
}

/// `YYYY-MM-DD` of Unix seconds, for messages; seconds before 1970 or past 9999 show as given.
pub fn date(secs: i64) -> String {
    match u64::try_from(secs).ok().and_then(|s| DateTime::from_unix_duration(Duration::from_secs(s)).ok()) {
        Some(t) => format!("{:04}-{:02}-{:02}", t.year(), t.month(), t.day()),
        None => format!("{secs} s since 1970"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rfc3339() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2026-11-22T00:00:00Z"), Some(1_795_305_600));
        assert_eq!(parse_rfc3339("2026-11-22T01:00:00+01:00"), Some(1_795_305_600));
        assert_eq!(parse_rfc3339("2026-11-21T23:00:00.25-01:00"), Some(1_795_305_600));
        assert_eq!(parse_rfc3339("2026-11-22"), Some(1_795_305_600));
        assert_eq!(parse_rfc3339("2028-02-29"), Some(1_835_395_200), "a leap day exists");
        assert_eq!(parse_rfc3339("2016-12-31T23:59:60Z"), Some(1_483_228_799), "a leap second is read");
    }

    #[test]
    fn refuses_dates_that_do_not_exist() {
        for bad in [
            "2026-02-31",
            "2026-02-29",
            "2100-02-29",
            "2026-04-31T00:00:00Z",
            "2026-13-22",
            "2026-00-10",
            "2026-11-00",
            "2026-11-22T24:00:00Z",
            "2026-11-22T12:60:00Z",
            "2026-11-22T12:00:00+24:00",
            "2026-11-22T12:00:00",
            "1969-12-31",
            "yesterday",
            "",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_dates() {
        assert_eq!(date(1_795_305_600), "2026-11-22");
        assert_eq!(date(0), "1970-01-01");
        assert_eq!(date(-1), "-1 s since 1970");
    }
}
