//! Date-times as APIs send them (OpenAPI's `format: date-time`): RFC 3339 text, parsed, and written back exactly as received.

use std::fmt;
use std::str::FromStr;
use std::time::SystemTime;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// An RFC 3339 date and time (`2025-06-16T16:54:17.946514Z`, `2025-06-16T18:54:17+02:00`).
///
/// A value decoded from an answer is parsed (decoding fails on anything else) and keeps its text, so
/// encoding it again writes exactly what arrived, fractional digits and offset included. A value built
/// in code from a string is checked before the request is sent, like the spec's other constraints.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    text: String,
    parsed: Option<OffsetDateTime>,
}

impl DateTime {
    /// Parses RFC 3339 text.
    pub fn parse(text: impl Into<String>) -> Result<Self, time::error::Parse> {
        let text = text.into();
        let parsed = OffsetDateTime::parse(&text, &Rfc3339)?;
        Ok(DateTime { text, parsed: Some(parsed) })
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
        self.parsed
    }

    /// The instant as a `SystemTime`; `None` as for [`DateTime::to_offset_date_time`].
    pub fn to_system_time(&self) -> Option<SystemTime> {
        self.parsed.map(SystemTime::from)
    }

    /// Whether the text is RFC 3339; requests check this before they are sent.
    pub fn is_valid(&self) -> bool {
        self.parsed.is_some()
    }
}

impl From<OffsetDateTime> for DateTime {
    fn from(value: OffsetDateTime) -> Self {
        let text = value.format(&Rfc3339).expect("an OffsetDateTime within RFC 3339's years formats");
        DateTime { text, parsed: Some(value) }
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
        DateTime { text: text.to_owned(), parsed: OffsetDateTime::parse(text, &Rfc3339).ok() }
    }
}

impl From<String> for DateTime {
    fn from(text: String) -> Self {
        let parsed = OffsetDateTime::parse(&text, &Rfc3339).ok();
        DateTime { text, parsed }
    }
}

impl FromStr for DateTime {
    type Err = time::error::Parse;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DateTime::parse(text)
    }
}

/// Ordered by instant, so that `18:54:17+02:00` comes before `16:54:18Z`; equal instants written
/// differently are ordered by their text, which keeps the order consistent with `==`. A value that is
/// not RFC 3339 comes before every valid one.
impl Ord for DateTime {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.parsed.cmp(&other.parsed).then_with(|| self.text.cmp(&other.text))
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
