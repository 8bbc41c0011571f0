//! Date-times as APIs send them (OpenAPI's `format: date-time`): RFC 3339 text, parsed, and written back exactly as received.

use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;
use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

/// An RFC 3339 date and time (`2025-06-16T16:54:17.946514Z`, `2025-06-16T18:54:17+02:00`).
///
/// A value decoded from an answer is checked (decoding fails on anything else) and keeps its text, so
/// encoding it again writes exactly what arrived, fractional digits and offset included. A value built
/// in code from a string is checked before the request is sent, like the spec's other constraints.
///
/// Only the text is kept: decoding checks every date-time of every answer, and most are never read
/// as instants, so the instant is computed when asked for.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: String,
}

impl DateTime {
    /// Parses RFC 3339 text.
    pub fn parse(text: impl Into<String>) -> Result<Self, time::error::Parse> {
        let text = text.into();
        check_rfc3339(&text)?;
        Ok(DateTime { text })
    }

    /// The current time, in UTC.
    pub fn now() -> Self {
        OffsetDateTime::now_utc().into()
    }

    /// The text, as received or given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The instant with its offset; `None` only for a value built from text that is not RFC 3339.
    pub fn to_offset_date_time(&self) -> Option<OffsetDateTime> {
        match common_shape(self.text.as_bytes()) {
            Some(fields) => fields.to_offset_date_time(),
            None => OffsetDateTime::parse(&self.text, &Rfc3339).ok(),
        }
    }

    /// The instant as a `SystemTime`; `None` as for [`DateTime::to_offset_date_time`].
    pub fn to_system_time(&self) -> Option<SystemTime> {
        self.to_offset_date_time().map(SystemTime::from)
    }

    /// Whether the text is RFC 3339; requests check this before they are sent.
    pub fn is_valid(&self) -> bool {
        check_rfc3339(&self.text).is_ok()
    }
}

impl From<OffsetDateTime> for DateTime {
    fn from(value: OffsetDateTime) -> Self {
        let text = value.format(&Rfc3339).expect("an OffsetDateTime within RFC 3339's years formats");
        DateTime { text }
    }
}

impl From<SystemTime> for DateTime {
    fn from(value: SystemTime) -> Self {
        OffsetDateTime::from(value).into()
    }
}

/// Text from code is kept as given; [`crate::Operation::validate`] rejects it before sending if it
/// is not RFC 3339.
impl From<&str> for DateTime {
    fn from(text: &str) -> Self {
        DateTime { text: text.to_owned() }
    }
}

impl From<String> for DateTime {
    fn from(text: String) -> Self {
        DateTime { text }
    }
}

impl FromStr for DateTime {
    type Err = time::error::Parse;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DateTime::parse(text)
    }
}

/// Whether `time` parses the text as RFC 3339, and its error if not.
///
/// The common shape is checked here, without building `time`'s values: with `time`'s parser, decoding
/// a page of access codes cost 1.10x plain strings (`cargo bench --bench decode_paired` in bench/).
fn check_rfc3339(text: &str) -> Result<(), time::error::Parse> {
    if is_common_shape(text.as_bytes()) {
        return Ok(());
    }
    OffsetDateTime::parse(text, &Rfc3339).map(drop)
}

/// Whether the text is `YYYY-MM-DDTHH:MM:SS`, up to nine fractional digits, then `Z` or `±HH:MM`,
/// naming a valid instant.
///
/// `false` for anything else, including what RFC 3339 allows but this does not take (other
/// separators, a lowercase `z`, leap seconds, more digits) and every error: `time`'s parser then has
/// the last word, so what is accepted, the instant and the error are always `time`'s.
///
/// No field's value is computed: the 19 bytes of date and time are checked as three eight-byte
/// words against a template, with a limit per byte that also bounds each tens digit; what the limits
/// leave open is compared as ASCII pairs (`b"01" <= month <= b"12"`); the year is read only for
/// the 29th of February. 113 instructions per date-time of a page of access codes, against 189 for
/// a check that computed the fields and about 290 for `time`'s parser (callgrind,
/// `bash bench/decode_instructions.sh`).
#[inline(always)]
fn is_common_shape(text: &[u8]) -> bool {
    let Some(head) = text.get(..19).and_then(|head| <&[u8; 19]>::try_from(head).ok()) else { return false };
    let word = |at: usize| u64::from_le_bytes(head[at..at + 8].try_into().expect("eight bytes"));
    const YEAR_MONTH: Template = Template::new(b"0000-00-", [9, 9, 9, 9, 0, 1, 9, 0]);
    const DAY_HOUR_MINUTE: Template = Template::new(b"00T00:00", [3, 9, 0, 2, 9, 0, 5, 9]);
    const HOUR_MINUTE_SECOND: Template = Template::new(b"00:00:00", [2, 9, 0, 5, 9, 0, 5, 9]);
    if !(YEAR_MONTH.matches(word(0)) & DAY_HOUR_MINUTE.matches(word(8)) & HOUR_MINUTE_SECOND.matches(word(11))) {
        return false;
    }
    let pair = |at: usize| u16::from_be_bytes([head[at], head[at + 1]]);
    let (month, day) = (pair(5), pair(8));
    if !((b"01".as_pair()..=b"12".as_pair()).contains(&month)
        & (pair(11) <= b"23".as_pair())
        & (day >= b"01".as_pair()))
    {
        return false;
    }
    let month_index = usize::from((head[5] - b'0') * 10 + (head[6] - b'0') - 1);
    if day > LAST_DAYS[month_index].as_pair()
        || (month_index == 1 && day == b"29".as_pair() && !is_leap(number(&head[..4])))
    {
        return false;
    }

    let mut rest = &text[19..];
    if let [b'.', fraction @ ..] = rest {
        let digits = fraction.iter().take_while(|byte| byte.is_ascii_digit()).count();
        if !(1..=9).contains(&digits) {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest {
        b"Z" => true,
        &[b'+' | b'-', hours_tens, hours_ones, b':', minutes_tens, minutes_ones] => {
            hours_tens.is_ascii_digit()
                & hours_ones.is_ascii_digit()
                & ([hours_tens, hours_ones].as_pair() <= b"23".as_pair())
                & (b'0'..=b'5').contains(&minutes_tens)
                & minutes_ones.is_ascii_digit()
        }
        _ => false,
    }
}

/// Eight bytes of a date-time as a template: each byte, xor its template byte, must be at most its
/// limit (9 where a digit goes, less for a tens digit, 0 for a literal).
struct Template {
    template: u64,
    /// Per byte, what carries into the byte's high bit exactly when it exceeds its limit.
    carry: u64,
}

impl Template {
    const fn new(template: &[u8; 8], limits: [u8; 8]) -> Template {
        let mut carry = [0; 8];
        let mut at = 0;
        while at < 8 {
            carry[at] = 0x7f - limits[at];
            at += 1;
        }
        let template = u64::from_le_bytes(*template);
        // A digit's byte is its template's `0` plus the digit.
        Template { template, carry: u64::from_le_bytes(carry) }
    }

    #[inline(always)]
    fn matches(&self, word: u64) -> bool {
        // After the xor a byte is at most 0x7f or has its high bit set already, so adding the carry
        // never overflows into the next byte.
        let lanes = word ^ self.template;
        (lanes | lanes.wrapping_add(self.carry)) & 0x8080_8080_8080_8080 == 0
    }
}

/// Two ASCII digits as one number that orders as their text does.
trait AsPair {
    fn as_pair(&self) -> u16;
}

impl AsPair for [u8; 2] {
    #[inline(always)]
    fn as_pair(&self) -> u16 {
        u16::from_be_bytes(*self)
    }
}

/// The last day of each month as its two ASCII digits, February's in a leap year.
const LAST_DAYS: [[u8; 2]; 12] =
    [*b"31", *b"29", *b"31", *b"30", *b"31", *b"30", *b"31", *b"31", *b"30", *b"31", *b"30", *b"31"];

fn is_leap(year: u32) -> bool {
    (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
}

/// ASCII digits as a number.
fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |number, digit| number * 10 + u32::from(digit - b'0'))
}

/// The parts of a valid date-time in the common shape.
struct Fields {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    offset_hours: i8,
    offset_minutes: i8,
}

impl Fields {
    fn to_offset_date_time(&self) -> Option<OffsetDateTime> {
        let date = Date::from_calendar_date(i32::from(self.year), Month::try_from(self.month).ok()?, self.day).ok()?;
        let time = Time::from_hms_nano(self.hour, self.minute, self.second, self.nanosecond).ok()?;
        let offset = UtcOffset::from_hms(self.offset_hours, self.offset_minutes, 0).ok()?;
        Some(PrimitiveDateTime::new(date, time).assume_offset(offset))
    }
}

/// The fields of a date-time that [`is_common_shape`] takes.
fn common_shape(text: &[u8]) -> Option<Fields> {
    if !is_common_shape(text) {
        return None;
    }
    let two_digits = |at: usize| number(&text[at..at + 2]) as u8;
    let (mut nanosecond, mut offset_at) = (0, 19);
    if text[19] == b'.' {
        let digits = text[20..].iter().take_while(|byte| byte.is_ascii_digit()).count();
        nanosecond = number(&text[20..20 + digits]) * 10u32.pow(9 - digits as u32);
        offset_at = 20 + digits;
    }
    let (offset_hours, offset_minutes) = match text[offset_at] {
        b'Z' => (0, 0),
        sign => {
            let (hours, minutes) = (two_digits(offset_at + 1) as i8, two_digits(offset_at + 4) as i8);
            if sign == b'-' {
                (-hours, -minutes)
            } else {
                (hours, minutes)
            }
        }
    };
    Some(Fields {
        year: number(&text[..4]) as u16,
        month: two_digits(5),
        day: two_digits(8),
        hour: two_digits(11),
        minute: two_digits(14),
        second: two_digits(17),
        nanosecond,
        offset_hours,
        offset_minutes,
    })
}

/// Ordered by instant, so that `18:54:17+02:00` comes before `16:54:18Z`; equal instants written
/// differently are ordered by their text, which keeps the order consistent with `==`. A value that is
/// not RFC 3339 comes before every valid one.
impl Ord for DateTime {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.to_offset_date_time().cmp(&other.to_offset_date_time()).then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({:?})", self.text)
    }
}

impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = DateTime;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("an RFC 3339 date-time")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DateTime, E> {
                DateTime::parse(text)
                    .map_err(|error| E::custom(format_args!("`{text}` is not an RFC 3339 date-time: {error}")))
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::DateTime;

    #[test]
    fn what_seam_sends_round_trips_byte_for_byte() {
        for text in [
            "2025-06-16T16:54:17.946514Z",
            "2025-06-19T21:08:08.000Z",
            "2025-06-16T18:54:17+02:00",
            "2023-11-07T05:31:56Z",
        ] {
            let json = format!("\"{text}\"");
            let parsed: DateTime = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
        }
        let with_offset = DateTime::parse("2025-06-16T18:54:17+02:00").unwrap();
        let utc = DateTime::parse("2025-06-16T16:54:17Z").unwrap();
        assert_eq!(with_offset.to_system_time(), utc.to_system_time());
    }

    #[test]
    fn garbage_is_rejected_on_decode_and_flagged_when_built() {
        let error = serde_json::from_str::<DateTime>("\"next tuesday\"").unwrap_err().to_string();
        assert!(error.contains("`next tuesday` is not an RFC 3339 date-time"), "{error}");
        assert!(!DateTime::from("next tuesday").is_valid());
        assert!(DateTime::from("2030-01-01T00:00:00Z").is_valid());
        assert_eq!(DateTime::from(std::time::UNIX_EPOCH).as_str(), "1970-01-01T00:00:00Z");
    }

    /// The shortcut never disagrees with `time`: random text near the common shape, with each part
    /// sometimes out of range or malformed, parses (or fails) exactly as `time` parses it.
    #[test]
    fn the_common_shape_shortcut_agrees_with_time() {
        use time::format_description::well_known::Rfc3339;
        use time::OffsetDateTime;

        let mut rng = fastrand::Rng::with_seed(3339);
        let digits = |rng: &mut fastrand::Rng, count: usize, usual: std::ops::RangeInclusive<u32>| {
            let value = if rng.u8(..8) == 0 { rng.u32(..10u32.pow(count as u32)) } else { rng.u32(usual) };
            format!("{value:0count$}")
        };
        let (mut took_shortcut, mut fell_back_valid, mut rejected) = (0, 0, 0);
        for _ in 0..200_000 {
            let mut text = format!(
                "{}-{}-{}{}{}:{}:{}",
                // Century years try the leap-year rule.
                if rng.u8(..4) == 0 {
                    format!("{:04}", rng.choice([0, 1600, 1900, 2000, 2100, 2200, 2400, 9999]).unwrap())
                } else {
                    digits(&mut rng, 4, 1999..=2101)
                },
                digits(&mut rng, 2, 1..=12),
                digits(&mut rng, 2, 27..=31),
                rng.choice(["T", "T", "T", "t", " "]).unwrap(),
                digits(&mut rng, 2, 20..=23),
                digits(&mut rng, 2, 58..=59),
                digits(&mut rng, 2, 58..=60),
            );
            let fraction_digits = rng.usize(..12);
            if fraction_digits > 0 {
                text.push('.');
                text.push_str(&digits(
                    &mut rng,
                    fraction_digits.min(9),
                    0..=10u32.pow(fraction_digits.min(9) as u32) - 1,
                ));
                text.push_str(&"7".repeat(fraction_digits.saturating_sub(9)));
            } else if rng.u8(..20) == 0 {
                text.push('.');
            }
            match rng.u8(..6) {
                0 => text.push('z'),
                1 | 2 => text.push('Z'),
                _ => {
                    text.push(rng.choice(['+', '-', '+', '-', '~']).unwrap());
                    text.push_str(&digits(&mut rng, 2, 0..=24));
                    text.push(if rng.u8(..30) == 0 { '-' } else { ':' });
                    text.push_str(&digits(&mut rng, 2, 0..=60));
                }
            }
            if rng.u8(..30) == 0 {
                text.push(' ');
            }
            if rng.u8(..30) == 0 {
                text.truncate(rng.usize(..text.len()));
            }

            let by_time = OffsetDateTime::parse(&text, &Rfc3339);
            match super::common_shape(text.as_bytes()) {
                Some(fields) => {
                    let instant = fields.to_offset_date_time().expect("the common shape builds an instant");
                    assert_eq!(by_time, Ok(instant), "{text}");
                    took_shortcut += 1;
                }
                None if by_time.is_ok() => fell_back_valid += 1,
                None => rejected += 1,
            }
            assert_eq!(super::check_rfc3339(&text), by_time.map(drop), "{text}");
            assert_eq!(DateTime::from(text.as_str()).to_offset_date_time(), by_time.ok(), "{text}");
        }
        // Each path is exercised, so the comparison above is not vacuous.
        assert!(
            took_shortcut > 20_000 && fell_back_valid > 1_000 && rejected > 20_000,
            "{took_shortcut} {fell_back_valid} {rejected}"
        );
        for text in [
            "2025-06-16T16:54:17.946514Z",
            "2025-06-19T21:08:08.000Z",
            "2025-06-16T18:54:17+02:00",
            "2023-11-07T05:31:56Z",
        ] {
            assert!(super::common_shape(text.as_bytes()).is_some(), "{text} takes the shortcut");
        }
    }

    #[test]
    fn ordered_by_instant_whatever_the_offset() {
        let early_in_berlin = DateTime::parse("2025-06-16T18:54:17+02:00").unwrap();
        let later_in_utc = DateTime::parse("2025-06-16T16:54:18Z").unwrap();
        let same_instant = DateTime::parse("2025-06-16T16:54:17Z").unwrap();
        assert!(early_in_berlin < later_in_utc);
        assert!(same_instant < later_in_utc);
        assert_ne!(early_in_berlin.cmp(&same_instant), std::cmp::Ordering::Equal, "consistent with ==");
        let mut times = [later_in_utc.clone(), DateTime::from("garbage"), early_in_berlin.clone()];
        times.sort();
        assert_eq!(times[1..], [early_in_berlin, later_in_utc]);
        let now = std::time::SystemTime::now();
        assert!(DateTime::from(now) < DateTime::from(now + std::time::Duration::from_secs(1)));
    }
}
