//! Serialization support that generated types call: open enums and tagged unions.
//!
//! Written by hand so that the generated code stays a list of types; nothing here is specific to
//! one schema.

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::ser::{Error as _, Serialize, Serializer};
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

/// Reads a string into an open enum (`From<&str>`), which keeps values it does not know, without
/// allocating for the known ones.
pub fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct OpenEnumVisitor<T>(PhantomData<T>);

    impl<T: for<'a> From<&'a str>> Visitor<'_> for OpenEnumVisitor<T> {
        type Value = T;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            formatter.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(OpenEnumVisitor(PhantomData))
}

/// The tag of a union value: the string under `tag`, if any.
pub fn tag_of<'v>(value: &'v Value, tag: &str) -> Option<&'v str> {
    value.get(tag).and_then(Value::as_str)
}

/// Decodes the variant a tag selected; the error names the tag so that a caller sees which branch failed.
pub fn deserialize_variant<T: DeserializeOwned, E: de::Error>(value: Value, tag: &str, tag_value: &str) -> Result<T, E> {
    serde_json::from_value(value).map_err(|error| E::custom(format_args!("{tag} `{tag_value}`: {error}")))
}

/// Writes a variant's fields with the tag property set.
pub fn serialize_tagged<S: Serializer, T: Serialize>(serializer: S, tag: &str, tag_value: &str, variant: &T) -> Result<S::Ok, S::Error> {
    let mut value = serde_json::to_value(variant).map_err(S::Error::custom)?;
    match &mut value {
        Value::Object(fields) => {
            fields.insert(tag.to_owned(), Value::String(tag_value.to_owned()));
        }
        _ => return Err(S::Error::custom(format_args!("variant `{tag_value}` is not a JSON object"))),
    }
    value.serialize(serializer)
}
