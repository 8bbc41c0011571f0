//! A field that may be left out, sent as `null`, or sent with a value.

/// The three states of a field that is both optional and nullable.
///
/// `Option<T>` cannot tell "leave the field out" from "clear it by sending `null`"; an update request
/// needs both. In responses, `Absent` and `Null` tell a missing property from an explicit `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// Not sent (or not received).
    #[default]
    Absent,
    /// Sent (or received) as `null`.
    Null,
    /// Sent (or received) with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// True when the field is left out; generated structs use this to skip it when serializing.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// The value, if there is one.
    pub fn as_ref(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, dereferenced (`&str` for a `Nullable<String>`), if there is one.
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.as_ref().map(|value| &**value)
    }

    /// True when the field was sent or received as `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if there is one, dropping the difference between absent and null.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.to_owned())
    }
}

impl From<&str> for Nullable<crate::DateTime> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.into())
    }
}

/// `Some(v)` sends the value, `None` sends `null`.
impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Self {
        match value {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        }
    }
}

/// The value, if there is one: absent and null both become `None`.
impl<T> From<Nullable<T>> for Option<T> {
    fn from(value: Nullable<T>) -> Self {
        value.into_option()
    }
}

impl<T: serde::Serialize> serde::Serialize for Nullable<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(value),
            // `Absent` is skipped by the field's `skip_serializing_if`; outside a struct it can only be null.
            Nullable::Null | Nullable::Absent => serializer.serialize_none(),
        }
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Nullable<T> {
    /// A present field is `Null` or `Value`; a missing one takes the field's `#[serde(default)]`, `Absent`.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(|value| match value {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Nullable;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Update {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        ends_at: Nullable<String>,
    }

    #[test]
    fn three_states_serialize_distinctly() {
        let json = |ends_at| serde_json::to_string(&Update { ends_at }).unwrap();
        assert_eq!(json(Nullable::Absent), "{}");
        assert_eq!(json(Nullable::Null), r#"{"ends_at":null}"#);
        assert_eq!(json("2025-06-18T10:42:53.000Z".into()), r#"{"ends_at":"2025-06-18T10:42:53.000Z"}"#);
    }

    #[test]
    fn converts_to_and_from_option() {
        assert_eq!(Nullable::from(Some(3)), Nullable::Value(3));
        assert_eq!(Nullable::<i32>::from(None), Nullable::Null);
        assert_eq!(Option::from(Nullable::Value(3)), Some(3));
        assert_eq!(Option::<i32>::from(Nullable::Null), None);
        assert_eq!(Option::<i32>::from(Nullable::Absent), None);
    }

    #[test]
    fn three_states_deserialize_distinctly() {
        let parse = |text| serde_json::from_str::<Update>(text).unwrap().ends_at;
        assert_eq!(parse("{}"), Nullable::Absent);
        assert_eq!(parse(r#"{"ends_at":null}"#), Nullable::Null);
        assert_eq!(parse(r#"{"ends_at":"x"}"#), Nullable::Value("x".to_owned()));
    }
}
