//! Serialization support that generated types call: open enums and tagged unions.
//!
//! Written by hand so that the generated code stays a list of types; nothing here is specific to
//! one schema.

use crate::error::ValidationError;
use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, Visitor};
use serde::ser::{Error as _, Serialize, Serializer};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::sync::{Arc, OnceLock, RwLock};

/// Any JSON value, for fields the spec leaves free-form.
pub use serde_json::Value as Json;

/// What [`Operation::encode`](crate::Operation::encode) returns; short, so that a generated impl's
/// signature fits on one line.
pub type Encoded = Result<(), serde_json::Error>;

/// What [`Operation::decode`](crate::Operation::decode) returns for the operation `O`.
pub type Decoded<O> = Result<<O as crate::Operation>::Response, crate::DecodeError>;

/// An open enum of strings. Generated code declares the enum inside it with each known value as its
/// variant's discriminant (`Set = "set"`); the macro documents each variant with its value, adds
/// `Unknown(String)` and writes `as_str`, `From<&str>`, `Display`, `Serialize` and `Deserialize`, so
/// that a value the spec adds is one line of the generated diff. Values this version does not know
/// are kept in `Unknown` and written back unchanged.
#[doc(hidden)]
#[macro_export]
macro_rules! __open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $wire:literal),* $(,)?
        }
    ) => {
        $(#[$meta])*
        ///
        /// Values this version does not know are kept in `Unknown` and written back unchanged.
        $vis enum $name {
            $(#[doc = concat!(" `", $wire, "`")] $(#[$variant_meta])* $variant,)*
            /// A value this version of the bindings does not know, as received.
            Unknown(::std::string::String),
        }

        impl $name {
            /// The value as it is sent and received.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::wire::deserialize_open_enum(deserializer)
            }
        }
    };
}
#[doc(inline)]
pub use crate::__open_enum as open_enum;

/// A union of objects told apart by a tag property (`#[tag = "mutation_code"]`, first). Generated
/// code declares the enum inside it with each variant's tag value as its discriminant
/// (`Creating(PendingCreating) = "creating"`); the macro adds `Unknown(Json)` and writes
/// `TAG`, `tag()`, `Serialize` and `Deserialize`, so that a variant the spec adds is one block of the
/// generated diff. Objects with a tag this version does not know are kept in `Unknown` as JSON.
#[doc(hidden)]
#[macro_export]
macro_rules! __tagged_union {
    (
        #[tag = $tag:literal]
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident($ty:ty $(,)?) = $wire:literal),* $(,)?
        }
    ) => {
        $(#[$meta])*
        ///
        #[doc = concat!(" Variants are told apart by the `", $tag, "` property; unknown values are kept as JSON.")]
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                ///
                #[doc = concat!(" `", $tag, ": ", $wire, "`")]
                $variant($ty),
            )*
            /// A variant this version of the bindings does not know, with its JSON as received.
            Unknown(::serde_json::Value),
        }

        impl $name {
            /// The property whose value selects the variant.
            pub const TAG: &'static str = $tag;

            /// The value of the tag property.
            pub fn tag(&self) -> ::std::option::Option<&str> {
                match self {
                    $(Self::$variant(_) => ::std::option::Option::Some($wire),)*
                    Self::Unknown(value) => $crate::wire::tag_of(value, Self::TAG),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $(Self::$variant(value) => $crate::wire::serialize_tagged(serializer, Self::TAG, $wire, value),)*
                    Self::Unknown(value) => ::serde::Serialize::serialize(value, serializer),
                }
            }
        }

        impl $crate::wire::TaggedVariants for $name {
            fn decode<'de, D: ::serde::Deserializer<'de>>(tag_value: &str, fields: D) -> ::std::result::Result<Self, D::Error> {
                match tag_value {
                    $($wire => <$ty as ::serde::Deserialize>::deserialize(fields).map(Self::$variant),)*
                    _ => $crate::wire::unknown_variant(Self::TAG, tag_value, fields).map(Self::Unknown),
                }
            }

            fn unknown(json: ::serde_json::Value) -> Self {
                Self::Unknown(json)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::wire::deserialize_tagged(deserializer, Self::TAG)
            }
        }
    };
}
#[doc(inline)]
pub use crate::__tagged_union as tagged_union;

/// An object: generated code declares the struct inside it as it would be written by hand, with
/// serde's field attributes (`rename`, and `default, skip_serializing_if` on an optional field), and
/// the macro derives `Debug`, `Clone` and `PartialEq` and writes its `Serialize` and `Deserialize`.
///
/// They read and write what `#[derive(Serialize, Deserialize)]` would, in a fraction of the code
/// and without a proc macro: serde's derive also writes a decoder from a sequence of values and a
/// field visitor per struct, which a JSON API never uses, and most of the bindings' compile time
/// went into the derive and its output. Encoding skips an absent optional field (the field's
/// `skip_serializing_if` names the function, `Option::is_none` or `Nullable::is_absent`).
/// Decoding matches keys as they are read, without copying them; an unknown key is skipped; a
/// repeated key is an error; a missing field takes its `Default` where it has `#[serde(default)]`,
/// and is otherwise `None` for an `Option` and serde's "missing field" error for anything else. Decoding is for self-describing formats (JSON, YAML, ...): formats that write
/// structs as bare sequences, such as bincode, cannot read these types back.
///
/// Field attributes are matched in the order the generator writes them: doc lines,
/// `#[doc(hidden)]`, `#[deprecated]`, `#[serde(rename = "...")]`, then
/// `#[serde(default, skip_serializing_if = "...")]`.
///
/// The expansion uses the names of [`object_support`], which the module must import
/// (`use crate::wire::object_support::*;`, once per generated file that has objects).
#[doc(hidden)]
#[macro_export]
macro_rules! __object {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[doc($hidden:ident)])?
                $(#[deprecated $($deprecation:tt)*])?
                $(#[serde(rename = $wire:literal)])?
                $(#[serde(default, skip_serializing_if = $skip:literal)])?
                $field_vis:vis $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis struct $name {
            $(
                $(#[doc = $doc])*
                $(#[doc($hidden)])?
                $(#[deprecated $($deprecation)*])?
                $field_vis $field: $ty,
            )*
        }

        $crate::__object_encoding! { $name { $($field $(= $wire)? $(, $skip)?;)* } }

        impl<'de> __DecodeObject<'de> for $name {
            fn decode_map<__A: ::serde::de::MapAccess<'de>>(mut map: __A, __fields: &'static [&'static str]) -> __Result<Self, __A::Error> {
                // The fields by name, as serde's derive does it: the key is matched where it is
                // read, and nothing is built for it. The variants are in the order of `__fields`, so
                // that a variant's index gives its wire name for errors: a constant per field for
                // the name cost the compiler more than writing the name where it is matched.
                #[allow(non_camel_case_types)]
                enum __Field {
                    $($field,)*
                    Other,
                }

                fn __field(name: &str) -> __Field {
                    match name {
                        $($crate::__wire_name!($field $(, $wire)?) => __Field::$field,)*
                        _ => __Field::Other,
                    }
                }

                // Each slot's type is inferred from the field it fills: writing `$ty` again here
                // cost the compiler more to expand and lower than inferring it costs.
                $(let mut $field = __None;)*
                // Plain matches rather than `?`: every error here is already `__A::Error`, and each
                // `?` would cost the compiler a conversion to resolve. Each field's arm returns on
                // its own error: one shared exit after the `match` costs a tenth more instructions
                // per decode.
                loop {
                    let key = match map.next_key_seed(__FieldName(__field)) {
                        __Ok(__Some(key)) => key,
                        __Ok(__None) => break,
                        __Err(error) => return __Err(error),
                    };
                    match key {
                        $(__Field::$field => {
                            if let __Err(error) = __read_field(&mut map, &mut $field, __fields, __Field::$field as usize) {
                                return __Err(error);
                            }
                        })*
                        __Field::Other => {
                            if let __Err(error) = __skip_value(&mut map) {
                                return __Err(error);
                            }
                        }
                    }
                }
                __Ok($name {
                    $($field: $crate::__take_field!($field, __fields $(, $skip)?),)*
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            #[inline]
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> __Result<Self, __D::Error> {
                __decode_object(deserializer, ::std::stringify!($name), &[$($crate::__wire_name!($field $(, $wire)?)),*])
            }
        }
    };
}
#[doc(inline)]
pub use crate::__object as object;

/// The part of [`object!`] and [`request_object!`] that writes the struct: its `Serialize`. Expands
/// only inside those macros, with [`object_support`] imported.
#[doc(hidden)]
#[macro_export]
macro_rules! __object_encoding {
    ($name:ident { $($field:ident $(= $wire:literal)? $(, $skip:literal)?;)* }) => {
        impl ::serde::Serialize for $name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::std::result::Result<__S::Ok, __S::Error> {
                // Whether each field is written, by the field's name.
                $(let $field = $crate::__field_present!(self.$field $(, $skip)?);)*
                let len = 0 $(+ $field as usize)*;
                #[allow(unused_mut)] // a struct without fields writes none
                let mut object = $crate::wire::StructWriter::new(::serde::Serializer::serialize_struct(serializer, ::std::stringify!($name), len));
                $(object.field($crate::__wire_name!($field $(, $wire)?), &self.$field, $field);)*
                object.end()
            }
        }
    };
}

/// An object that only requests carry: [`object!`] without `Deserialize`. The bindings send these
/// and never read them, and decoding is most of what an object costs to compile.
///
/// Its matcher and struct are a copy of `object!`'s: `object!` handing its struct to this macro
/// instead made rustc re-parse every field and cost 3.3% more instructions on the Seam bindings'
/// rebuild (`bench/compile_instructions.sh`).
#[doc(hidden)]
#[macro_export]
macro_rules! __request_object {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[doc($hidden:ident)])?
                $(#[deprecated $($deprecation:tt)*])?
                $(#[serde(rename = $wire:literal)])?
                $(#[serde(default, skip_serializing_if = $skip:literal)])?
                $field_vis:vis $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis struct $name {
            $(
                $(#[doc = $doc])*
                $(#[doc($hidden)])?
                $(#[deprecated $($deprecation)*])?
                $field_vis $field: $ty,
            )*
        }

        $crate::__object_encoding! { $name { $($field $(= $wire)? $(, $skip)?;)* } }
    };
}
#[doc(inline)]
pub use crate::__request_object as request_object;

/// The name a field of [`object!`] has on the wire: its `rename`, or else the field's own name.
#[doc(hidden)]
#[macro_export]
macro_rules! __wire_name {
    ($field:ident, $wire:literal) => {
        $wire
    };
    ($field:ident) => {
        ::std::stringify!($field)
    };
}

/// Whether a field of [`object!`] is written: always, or, for a field with `skip_serializing_if`,
/// unless it is absent. Expands only inside [`object!`], with [`object_support`] imported.
#[doc(hidden)]
#[macro_export]
macro_rules! __field_present {
    ($value:expr, $skip:literal) => {
        !__Absent::is_absent(&$value)
    };
    ($value:expr) => {
        true
    };
}

/// The value of a field of [`object!`] once the input is read: what was read, or where the input
/// lacks it, its `Default` for a field with `#[serde(default)]`, and otherwise what serde's derive
/// gives (`None`, or "missing field", named by the field's place in `$fields`). Expands only inside
/// [`object!`]'s decoder, as `__field_present!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __take_field {
    ($slot:ident, $fields:ident, $skip:literal) => {
        $slot.unwrap_or_default()
    };
    ($slot:ident, $fields:ident) => {
        match __take_field($slot, $fields, __Field::$slot as usize) {
            __Ok(value) => value,
            __Err(error) => return __Err(error),
        }
    };
}

/// Reads an object's key for [`object!`] and hands it, borrowed, to the struct's own `match`.
#[doc(hidden)]
pub struct FieldName<F>(pub F);

impl<'de, F: FnOnce(&str) -> T, T> de::DeserializeSeed<'de> for FieldName<F> {
    type Value = T;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, F: FnOnce(&str) -> T, T> Visitor<'de> for FieldName<F> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok((self.0)(value))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<T, E> {
        match std::str::from_utf8(value) {
            Ok(value) => Ok((self.0)(value)),
            Err(_) => Err(E::invalid_value(de::Unexpected::Bytes(value), &self)),
        }
    }
}

/// An optional field's value that [`object!`] leaves out when encoding.
#[doc(hidden)]
pub trait Absent {
    fn is_absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    #[inline]
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for crate::Nullable<T> {
    #[inline]
    fn is_absent(&self) -> bool {
        crate::Nullable::is_absent(self)
    }
}

/// The names [`object!`]'s expansion uses, under names no schema's type takes (generated names
/// never start with `__`). A module that declares objects imports them once
/// (`use crate::wire::object_support::*;`): an import in each expansion, resolved once per struct,
/// cost 1.7% of the Seam bindings' rebuild.
#[doc(hidden)]
pub mod object_support {
    pub use super::{
        decode_object as __decode_object, read_field as __read_field, skip_value as __skip_value,
        take_field as __take_field, Absent as __Absent, DecodeObject as __DecodeObject, FieldName as __FieldName,
    };
    pub use std::option::Option::{None as __None, Some as __Some};
    pub use std::result::Result::{self as __Result, Err as __Err, Ok as __Ok};
}

/// An [`object!`] as its generated decoder sees it: one visitor, here, serves every struct. Its name
/// and fields come as arguments of [`decode_object`] rather than as associated constants: each
/// constant is one more body for the compiler to check and cache, per struct.
#[doc(hidden)]
pub trait DecodeObject<'de>: Sized {
    fn decode_map<A: de::MapAccess<'de>>(map: A, fields: &'static [&'static str]) -> Result<Self, A::Error>;
}

/// Decodes an [`object!`] struct from a JSON object (or what the format has for one).
#[doc(hidden)]
#[inline]
pub fn decode_object<'de, T: DecodeObject<'de>, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
    fields: &'static [&'static str],
) -> Result<T, D::Error> {
    deserializer.deserialize_struct(name, fields, ObjectVisitor { name, fields, decoded: PhantomData })
}

struct ObjectVisitor<T> {
    /// The struct's name, for messages ("expected struct X").
    name: &'static str,
    fields: &'static [&'static str],
    decoded: PhantomData<T>,
}

impl<'de, T: DecodeObject<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "struct {}", self.name)
    }

    #[inline]
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::decode_map(map, self.fields)
    }
}

/// Writes the fields of an [`object!`]: each written, or marked skipped (for formats that keep a
/// place for it), until one fails. The error is kept for [`end`](Self::end), so that the macro
/// needs no early return per field.
#[doc(hidden)]
pub struct StructWriter<S: serde::ser::SerializeStruct> {
    state: Result<S, S::Error>,
}

impl<S: serde::ser::SerializeStruct> StructWriter<S> {
    #[inline]
    pub fn new(state: Result<S, S::Error>) -> Self {
        StructWriter { state }
    }

    #[inline]
    pub fn field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T, present: bool) {
        if let Ok(object) = &mut self.state {
            let written = if present { object.serialize_field(name, value) } else { object.skip_field(name) };
            if let Err(error) = written {
                self.state = Err(error);
            }
        }
    }

    #[inline]
    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.state.and_then(serde::ser::SerializeStruct::end)
    }
}

/// Skips the value of a key [`object!`] does not know.
#[doc(hidden)]
#[inline]
pub fn skip_value<'de, A: de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<de::IgnoredAny>().map(|_| ())
}

/// Reads the value of a field of [`object!`] (`fields[index]`); a key seen twice is an error, as in
/// serde's derive.
#[doc(hidden)]
#[inline]
pub fn read_field<'de, A: de::MapAccess<'de>, T: de::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    fields: &'static [&'static str],
    index: usize,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(fields[index]));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// A field (`fields[index]`) as read, or, where the input lacks it, decoded as serde's derive does:
/// `None` for an `Option`, and "missing field `name`" for anything else.
#[doc(hidden)]
#[inline]
pub fn take_field<'de, T: de::Deserialize<'de>, E: de::Error>(
    slot: Option<T>,
    fields: &'static [&'static str],
    index: usize,
) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => T::deserialize(MissingField { name: fields[index], error: PhantomData }),
    }
}

struct MissingField<E> {
    name: &'static str,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> Deserializer<'de> for MissingField<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.name))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

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

/// A tagged union's variants, as [`tagged_union!`] writes them, for [`deserialize_tagged`].
#[doc(hidden)]
pub trait TaggedVariants: Sized {
    /// The variant `tag_value` names, decoded from `fields`, the object's properties (the tag
    /// included). A tag this version does not know keeps the object as JSON ([`unknown_variant`]).
    fn decode<'de, D: Deserializer<'de>>(tag_value: &str, fields: D) -> Result<Self, D::Error>;

    /// `Unknown`, for a value without a string tag.
    fn unknown(json: Value) -> Self;
}

/// The `Visitor` methods for a sequence, a number, a bool and `null`, each kept as JSON and
/// wrapped by `$wrap`: what a union keeps of a value it cannot tell apart by its tag.
macro_rules! visit_other_json {
    ($de:lifetime, $wrap:expr) => {
        fn visit_seq<A: de::SeqAccess<$de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map($wrap)
        }

        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
            Ok($wrap(Value::Bool(value)))
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok($wrap(Value::from(value)))
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok($wrap(Value::from(value)))
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
            Ok($wrap(Value::from(value)))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($wrap(Value::Null))
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($wrap(Value::Null))
        }
    };
}

/// Decodes a tagged union. Where the tag is the object's first property, as servers usually write
/// it, the variant is decoded from the rest of the object as it is read; otherwise the object is
/// buffered until the tag is found. Buffering cost about a thousand instructions per object (a
/// `String` and a `Value` per property, then a second decoder over them), and a decode error then
/// points at the end of the object rather than at the property that failed.
pub fn deserialize_tagged<'de, U: TaggedVariants, D: Deserializer<'de>>(
    deserializer: D,
    tag: &'static str,
) -> Result<U, D::Error> {
    struct TaggedVisitor<U> {
        tag: &'static str,
        union: PhantomData<U>,
    }

    impl<'de, U: TaggedVariants> Visitor<'de> for TaggedVisitor<U> {
        type Value = U;

        fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(formatter, "an object with a `{}` property", self.tag)
        }

        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
            let tag = self.tag;
            // `None` for the tag, which is then not copied.
            let first_key = map.next_key_seed(FieldName(|key: &str| (key != tag).then(|| key.to_owned())))?;
            let first_key = match first_key {
                None => return Ok(U::unknown(Value::Object(serde_json::Map::new()))),
                Some(None) => {
                    return match map.next_value::<TagValue<'de>>()? {
                        TagValue::Text(tag_value) => {
                            let fields = WithTag { tag: Some(tag), tag_value: Some(&tag_value), rest: map };
                            U::decode(&tag_value, de::value::MapAccessDeserializer::new(fields))
                        }
                        TagValue::Other(tag_value) => {
                            let rest = serde_json::Map::deserialize(de::value::MapAccessDeserializer::new(map))?;
                            Ok(U::unknown(Value::Object(with_tag_first(tag, tag_value, rest))))
                        }
                    };
                }
                Some(Some(key)) => key,
            };
            let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(8).saturating_add(1));
            fields.push((first_key, map.next_value::<Value>()?));
            while let Some(entry) = map.next_entry::<String, Value>()? {
                fields.push(entry);
            }
            let tag_value = match fields.iter().find(|(key, _)| key == tag) {
                Some((_, Value::String(tag_value))) => tag_value.clone(),
                _ => return Ok(U::unknown(Value::Object(fields.into_iter().collect()))),
            };
            let buffered = de::value::MapDeserializer::<_, serde_json::Error>::new(fields.into_iter());
            // The buffered values carry no position, so the error says which variant failed.
            U::decode(&tag_value, buffered)
                .map_err(|error| de::Error::custom(format_args!("{tag} `{tag_value}`: {error}")))
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<U, E> {
            Ok(U::unknown(Value::String(value.to_owned())))
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<U, E> {
            Ok(U::unknown(Value::String(value)))
        }

        visit_other_json!('de, U::unknown);
    }

    deserializer.deserialize_any(TaggedVisitor { tag, union: PhantomData })
}

/// An object's properties after its tag, with the tag (already read) handed over first again: a
/// variant may declare the tag as a field of its own.
struct WithTag<'t, A> {
    tag: Option<&'static str>,
    tag_value: Option<&'t str>,
    rest: A,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for WithTag<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.tag.take() {
            Some(tag) => seed.deserialize(de::value::StrDeserializer::new(tag)).map(Some),
            None => self.rest.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.tag_value.take() {
            Some(tag_value) => seed.deserialize(de::value::StrDeserializer::new(tag_value)),
            None => self.rest.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.rest.size_hint().map(|rest| rest + usize::from(self.tag.is_some()))
    }
}

/// The value of a union's tag property: text, borrowed from the input where it can be, or anything
/// else (the union's `Unknown` then keeps it).
enum TagValue<'de> {
    Text(std::borrow::Cow<'de, str>),
    Other(Value),
}

impl<'de> de::Deserialize<'de> for TagValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TagValueVisitor;

        impl<'de> Visitor<'de> for TagValueVisitor {
            type Value = TagValue<'de>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("any JSON value")
            }

            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
                Ok(TagValue::Text(value.into()))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                Ok(TagValue::Text(value.to_owned().into()))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
                Ok(TagValue::Text(value.into()))
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(TagValue::Other)
            }

            visit_other_json!('de, TagValue::Other);
        }

        deserializer.deserialize_any(TagValueVisitor)
    }
}

/// The JSON of an object whose tag this version does not know, as received: `fields` are its
/// properties, the tag included (it is put first if it is missing).
#[doc(hidden)]
pub fn unknown_variant<'de, D: Deserializer<'de>>(tag: &str, tag_value: &str, fields: D) -> Result<Value, D::Error> {
    let fields = serde_json::Map::deserialize(fields)?;
    if fields.contains_key(tag) {
        return Ok(Value::Object(fields));
    }
    Ok(Value::Object(with_tag_first(tag, Value::String(tag_value.to_owned()), fields)))
}

/// `rest` with the tag put first; the tag's value wins over a property of the same name.
fn with_tag_first(tag: &str, tag_value: Value, rest: serde_json::Map<String, Value>) -> serde_json::Map<String, Value> {
    let mut object = serde_json::Map::with_capacity(rest.len() + 1);
    object.insert(tag.to_owned(), tag_value);
    object.extend(rest.into_iter().filter(|(key, _)| key != tag));
    object
}

/// Writes a variant's fields with the tag property set.
pub fn serialize_tagged<S: Serializer, T: Serialize>(
    serializer: S,
    tag: &str,
    tag_value: &str,
    variant: &T,
) -> Result<S::Ok, S::Error> {
    // The tag first, as servers write it, so that decoding it again needs no buffering.
    match serde_json::to_value(variant).map_err(S::Error::custom)? {
        Value::Object(fields) => with_tag_first(tag, Value::String(tag_value.to_owned()), fields).serialize(serializer),
        _ => Err(S::Error::custom(format_args!("variant `{tag_value}` is not a JSON object"))),
    }
}

/// Decoding an untagged union: tries branches in order and remembers why each failed.
pub struct Branches<'v> {
    type_name: &'static str,
    value: &'v Value,
    failures: Vec<String>,
}

impl<'v> Branches<'v> {
    pub fn new(type_name: &'static str, value: &'v Value) -> Self {
        Branches { type_name, value, failures: Vec::new() }
    }

    /// The branch decoded, if the value carries every constant `(property, value)` and decodes as `T`.
    pub fn attempt<T: DeserializeOwned>(&mut self, branch: &str, constants: &[(&str, &str)]) -> Option<T> {
        for (property, expected) in constants {
            let found = self.value.get(property).and_then(Value::as_str);
            if found != Some(*expected) {
                let found = found.map_or_else(|| "missing".to_owned(), |found| format!("`{found}`"));
                self.failures.push(format!("{branch}: `{property}` is {found}, not `{expected}`"));
                return None;
            }
        }
        match T::deserialize(self.value) {
            Ok(decoded) => Some(decoded),
            Err(error) => {
                self.failures.push(format!("{branch}: {error}"));
                None
            }
        }
    }

    /// The error when no branch matched, listing why (the first few reasons, with a count of the rest).
    pub fn no_match<E: de::Error>(self) -> E {
        const SHOWN: usize = 8;
        let mut reasons = self.failures.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ");
        if self.failures.len() > SHOWN {
            reasons.push_str(&format!("; and {} more", self.failures.len() - SHOWN));
        }
        E::custom(format_args!("no variant of {} matched: {reasons}", self.type_name))
    }
}

/// `pattern`: the value, when present, must match. Patterns are compiled once per process; checks
/// share a read lock, and matching runs outside it, so concurrent calls do not queue behind each other.
pub fn check_pattern(field: &str, value: Option<&str>, pattern: &'static str) -> Result<(), ValidationError> {
    let Some(value) = value else { return Ok(()) };
    type Compiled = HashMap<&'static str, Option<Arc<regex_lite::Regex>>>;
    static COMPILED: OnceLock<RwLock<Compiled>> = OnceLock::new();
    let cache = COMPILED.get_or_init(Default::default);
    let known = cache.read().unwrap_or_else(|poisoned| poisoned.into_inner()).get(pattern).cloned();
    let regex = match known {
        Some(regex) => regex,
        None => {
            let regex = regex_lite::Regex::new(pattern).ok().map(Arc::new);
            cache.write().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(pattern, regex.clone());
            regex
        }
    };
    match regex {
        Some(regex) if regex.is_match(value) => Ok(()),
        Some(_) => {
            Err(ValidationError { field: field.to_owned(), rule: format!("must match the pattern `{pattern}`") })
        }
        // The generator rejects patterns that do not compile; a spec edited by hand is not checked.
        None => Ok(()),
    }
}

/// The checks of a value that requests hold (an object inside a request), which generated code
/// implements for each such struct with something to check.
pub trait Validate {
    /// The first constraint of the spec that this value breaks, its field named from this value.
    fn validate(&self) -> Result<(), ValidationError>;
}

impl<T: Validate> Validate for Box<T> {
    fn validate(&self) -> Result<(), ValidationError> {
        T::validate(self)
    }
}

/// The checks of a value held in `field`, its fields reported under it (`field.code`).
pub fn check_nested(field: &str, value: &impl Validate) -> Result<(), ValidationError> {
    value.validate().map_err(|error| error.under(field, None))
}

/// `check` on each item of the list in `field`, an item's failure reported as `field[index]`.
pub fn check_each<T>(
    field: &str,
    items: &[T],
    check: impl Fn(&T) -> Result<(), ValidationError>,
) -> Result<(), ValidationError> {
    for (index, item) in items.iter().enumerate() {
        check(item).map_err(|error| error.under(field, Some(index)))?;
    }
    Ok(())
}

/// `check` on each value of the map in `field`, a value's failure reported as `field.key`.
pub fn check_values<V>(
    field: &str,
    values: &std::collections::BTreeMap<String, V>,
    check: impl Fn(&V) -> Result<(), ValidationError>,
) -> Result<(), ValidationError> {
    for (key, value) in values {
        check(value).map_err(|error| {
            let at = if field.is_empty() { key.clone() } else { format!("{field}.{key}") };
            error.under(&at, None)
        })?;
    }
    Ok(())
}

/// `minItems` / `maxItems`.
pub fn check_items(field: &str, count: usize, min: Option<usize>, max: Option<usize>) -> Result<(), ValidationError> {
    let rule = match (min, max) {
        (Some(min), _) if count < min => format!("must have at least {min} item{}, not {count}", plural(min)),
        (_, Some(max)) if count > max => format!("must have at most {max} item{}, not {count}", plural(max)),
        _ => return Ok(()),
    };
    Err(ValidationError { field: field.to_owned(), rule })
}

fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

/// `minLength` / `maxLength`, in characters as JSON Schema counts them.
pub fn check_length(
    field: &str,
    value: Option<&str>,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), ValidationError> {
    let Some(value) = value else { return Ok(()) };
    let length = value.chars().count();
    let rule = match (min, max) {
        (Some(min), _) if length < min => format!("must be at least {min} characters long, not {length}"),
        (_, Some(max)) if length > max => format!("must be at most {max} characters long, not {length}"),
        _ => return Ok(()),
    };
    Err(ValidationError { field: field.to_owned(), rule })
}

/// `minimum` / `maximum`, inclusive.
pub fn check_range(field: &str, value: Option<f64>, min: Option<f64>, max: Option<f64>) -> Result<(), ValidationError> {
    let Some(value) = value else { return Ok(()) };
    let rule = match (min, max) {
        (Some(min), _) if value < min => format!("must be at least {min}, not {value}"),
        (_, Some(max)) if value > max => format!("must be at most {max}, not {value}"),
        _ => return Ok(()),
    };
    Err(ValidationError { field: field.to_owned(), rule })
}

/// `format: date-time`: a value built from text in code must be RFC 3339.
pub fn check_date_time(field: &str, value: Option<&crate::DateTime>) -> Result<(), ValidationError> {
    match value {
        Some(value) if !value.is_valid() => Err(ValidationError {
            field: field.to_owned(),
            rule: format!("must be an RFC 3339 date-time such as `2025-06-19T21:08:08.000Z`, not `{value}`"),
        }),
        _ => Ok(()),
    }
}

/// `x-mutually-exclusive`: at most one of the `(field, is set)` pairs may be set.
pub fn check_exclusive(fields: &[(&str, bool)]) -> Result<(), ValidationError> {
    let set: Vec<&str> = fields.iter().filter(|(_, present)| *present).map(|(name, _)| *name).collect();
    if set.len() <= 1 {
        return Ok(());
    }
    let all: Vec<String> = fields.iter().map(|(name, _)| format!("`{name}`")).collect();
    Err(ValidationError {
        field: set[1].to_owned(),
        rule: format!("cannot be given together with `{}`: give only one of {}", set[0], all.join(", ")),
    })
}

/// `x-at-least-one`: at least one of the `(field, is set)` pairs must be set.
pub fn check_at_least_one(fields: &[(&str, bool)]) -> Result<(), ValidationError> {
    if fields.iter().any(|(_, present)| *present) {
        return Ok(());
    }
    let others: Vec<String> = fields.iter().skip(1).map(|(name, _)| format!("`{name}`")).collect();
    Err(ValidationError {
        field: fields.first().map(|(name, _)| (*name).to_owned()).unwrap_or_default(),
        rule: format!("or one of {} must be given", others.join(", ")),
    })
}

#[cfg(test)]
mod tests {
    use super::object_support::*;
    use super::*;

    crate::wire::object! {
        /// Declared as the generator writes it.
        pub struct Thing {
            /// A required field.
            pub name: String,
            #[serde(rename = "type")]
            pub r#type: String,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub count: Option<i64>,
            #[serde(default, skip_serializing_if = "crate::Nullable::is_absent")]
            pub note: crate::Nullable<String>,
            /// Required, and `null` allowed: missing is `None`, as serde's derive has it.
            pub parent: Option<String>,
        }
    }

    crate::wire::object! {
        #[derive(Default)]
        pub struct Empty {}
    }

    crate::wire::request_object! {
        /// `Thing`'s fields, as a request that is only ever written.
        pub struct SentThing {
            pub name: String,
            #[serde(rename = "type")]
            pub r#type: String,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub count: Option<i64>,
            #[serde(default, skip_serializing_if = "crate::Nullable::is_absent")]
            pub note: crate::Nullable<String>,
            pub parent: Option<String>,
        }
    }

    crate::wire::object! {
        pub struct Battery {
            pub level: f64,
        }
    }

    crate::wire::object! {
        pub struct Offline {
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub since: Option<String>,
        }
    }

    crate::wire::tagged_union! {
        #[tag = "warning_code"]
        #[derive(Debug, Clone, PartialEq)]
        pub enum Warning {
            BatteryLow(Battery) = "battery_low",
            DeviceOffline(Offline) = "device_offline",
            Tampered(Tamper) = "tampered",
        }
    }

    crate::wire::object! {
        /// A variant that declares the tag as a field of its own, as a shared schema does.
        pub struct Tamper {
            pub warning_code: String,
            pub at: Option<String>,
        }
    }

    /// From a byte stream, as responses are read, and from a `Value`, as `decode_answer` reads them.
    fn both_ways(json: &str) -> [Result<Warning, String>; 2] {
        let value: Value = serde_json::from_str(json).unwrap();
        [
            serde_json::from_str::<Warning>(json).map_err(|error| error.to_string()),
            serde_json::from_value::<Warning>(value).map_err(|error| error.to_string()),
        ]
    }

    #[test]
    fn a_union_decodes_alike_whether_its_tag_comes_first_or_not() {
        let battery = Warning::BatteryLow(Battery { level: 0.5 });
        for json in [
            r#"{"warning_code":"battery_low","level":0.5}"#,
            r#"{"level":0.5,"warning_code":"battery_low"}"#,
            r#"{"warning_code":"battery_low","extra":{"a":[1,"b"]},"level":0.5}"#,
            r#"{"extra":"\"escaped\"","warning_code":"battery_low","level":0.5}"#,
            // An escaped tag value is not borrowed from the input.
            r#"{"warning_code":"battery\u005flow","level":0.5}"#,
        ] {
            assert_eq!(both_ways(json), [Ok(battery.clone()), Ok(battery.clone())], "{json}");
        }
        assert_eq!(
            serde_json::from_str::<Warning>(r#"{"warning_code":"device_offline"}"#).unwrap(),
            Warning::DeviceOffline(Offline { since: None })
        );
        assert_eq!(serde_json::to_string(&battery).unwrap(), r#"{"warning_code":"battery_low","level":0.5}"#);
    }

    #[test]
    fn a_variant_that_declares_the_tag_reads_it_wherever_it_comes() {
        let tampered = Warning::Tampered(Tamper { warning_code: "tampered".into(), at: Some("door".into()) });
        for json in [r#"{"warning_code":"tampered","at":"door"}"#, r#"{"at":"door","warning_code":"tampered"}"#] {
            assert_eq!(both_ways(json), [Ok(tampered.clone()), Ok(tampered.clone())], "{json}");
        }
        assert_eq!(serde_json::to_string(&tampered).unwrap(), r#"{"warning_code":"tampered","at":"door"}"#);
    }

    #[test]
    fn a_union_keeps_what_it_does_not_know_as_received() {
        for json in [
            r#"{"warning_code":"added_next_year","n":1,"deep":{"z":1,"a":[null]}}"#,
            r#"{"n":1,"warning_code":"added_next_year","deep":{"z":1,"a":[null]}}"#,
            r#"{"warning_code":7,"n":1}"#,
            r#"{"warning_code":{"nested":true},"n":1}"#,
            r#"{"n":1,"warning_code":null}"#,
            r#"{"n":1}"#,
            r#"{}"#,
            r#"["battery_low"]"#,
            r#""battery_low""#,
            r#"null"#,
        ] {
            let expected: Value = serde_json::from_str(json).unwrap();
            for decoded in both_ways(json) {
                let decoded = decoded.unwrap_or_else(|error| panic!("{json}: {error}"));
                assert_eq!(decoded, Warning::Unknown(expected.clone()), "{json}");
                // Key order included (`preserve_order`): written back, it is the input.
                assert_eq!(serde_json::to_string(&decoded).unwrap(), json);
            }
        }
        let unknown: Warning = serde_json::from_str(r#"{"n":1,"warning_code":"added_next_year"}"#).unwrap();
        assert_eq!(unknown.tag(), Some("added_next_year"));
    }

    #[test]
    fn a_variant_that_does_not_decode_is_an_error_that_points_at_its_cause() {
        // Tag first: the error is the variant's own, where the stream stopped, so that the decode
        // error's path names the property.
        let [stream, value] = both_ways(r#"{"warning_code":"battery_low","level":"high","after":1}"#);
        assert_eq!(stream.unwrap_err(), r#"invalid type: string "high", expected f64 at line 1 column 44"#);
        assert_eq!(value.unwrap_err(), r#"invalid type: string "high", expected f64"#);
        // Buffered: the position is the object's end, so the message names the variant.
        let [stream, value] = both_ways(r#"{"level":"high","warning_code":"battery_low"}"#);
        assert_eq!(
            stream.unwrap_err(),
            r#"warning_code `battery_low`: invalid type: string "high", expected f64 at line 1 column 45"#
        );
        assert_eq!(value.unwrap_err(), r#"warning_code `battery_low`: invalid type: string "high", expected f64"#);
        for json in [r#"{"warning_code":"battery_low"}"#, r#"{"n":1,"warning_code":"battery_low"}"#] {
            for error in both_ways(json) {
                assert!(error.unwrap_err().contains("missing field `level`"), "{json}");
            }
        }
        assert!(serde_json::from_str::<Warning>(r#"{"warning_code":"battery_low","level":1"#).is_err());
    }

    #[test]
    fn an_object_without_fields_is_an_empty_json_object() {
        assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
        assert_eq!(serde_json::from_str::<Empty>(r#"{"anything":[1]}"#).unwrap(), Empty::default());
    }

    #[test]
    fn an_object_reads_and_writes_what_serdes_derive_would() {
        let thing: Thing =
            serde_json::from_str(r#"{"name":"a","type":"t","unknown":{"deep":[1]},"note":null}"#).unwrap();
        assert_eq!(
            thing,
            Thing { name: "a".into(), r#type: "t".into(), count: None, note: crate::Nullable::Null, parent: None }
        );
        // Absent optional fields are left out; a present `null` is written.
        assert_eq!(serde_json::to_string(&thing).unwrap(), r#"{"name":"a","type":"t","note":null,"parent":null}"#);
        let thing: Thing = serde_json::from_str(r#"{"name":"a","type":"t","count":3}"#).unwrap();
        assert_eq!((thing.count, thing.note), (Some(3), crate::Nullable::Absent));
        // An escaped key is matched like any other (serde_json cannot lend it from the input).
        let thing: Thing = serde_json::from_str(r#"{"na\u006de":"b","type":"t"}"#).unwrap();
        assert_eq!(thing.name, "b");
        // Through a `Value`, whose keys are owned strings.
        let thing: Thing = serde_json::from_value(serde_json::json!({"name": "c", "type": "t"})).unwrap();
        assert_eq!(thing.name, "c");
    }

    #[test]
    fn a_request_object_writes_what_an_object_writes() {
        let thing =
            Thing { name: "a".into(), r#type: "t".into(), count: None, note: crate::Nullable::Null, parent: None };
        let sent =
            SentThing { name: "a".into(), r#type: "t".into(), count: None, note: crate::Nullable::Null, parent: None };
        assert_eq!(serde_json::to_string(&sent).unwrap(), serde_json::to_string(&thing).unwrap());
        let sent = SentThing { count: Some(3), note: crate::Nullable::Absent, parent: Some("p".into()), ..sent };
        assert_eq!(serde_json::to_string(&sent).unwrap(), r#"{"name":"a","type":"t","count":3,"parent":"p"}"#);
        // It derives what `object!` derives.
        assert_eq!(sent.clone(), sent);
        assert!(format!("{sent:?}").starts_with("SentThing { name: \"a\""));
    }

    #[test]
    fn an_object_rejects_what_serdes_derive_rejects() {
        let error = |json: &str| serde_json::from_str::<Thing>(json).unwrap_err().to_string();
        assert!(error(r#"{"type":"t"}"#).starts_with("missing field `name`"));
        assert!(error(r#"{"name":"a"}"#).starts_with("missing field `type`"));
        assert!(error(r#"{"name":"a","type":"t","name":"b"}"#).starts_with("duplicate field `name`"));
        assert!(error(r#"{"name":1,"type":"t"}"#).starts_with("invalid type: integer `1`, expected a string"));
        assert!(error(r#""a""#).starts_with("invalid type: string \"a\", expected struct Thing"));
    }

    /// A value no format can write.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Unwritable;

    impl Serialize for Unwritable {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("cannot be written"))
        }
    }

    impl<'de> Deserialize<'de> for Unwritable {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            de::IgnoredAny::deserialize(deserializer).map(|_| Unwritable)
        }
    }

    crate::wire::object! {
        pub struct Broken {
            pub before: i64,
            pub broken: Unwritable,
            pub after: i64,
        }
    }

    #[test]
    fn an_object_stops_at_the_first_field_that_cannot_be_written() {
        let mut written = Vec::new();
        let error =
            serde_json::to_writer(&mut written, &Broken { before: 1, broken: Unwritable, after: 2 }).unwrap_err();
        assert_eq!(error.to_string(), "cannot be written");
        // The field after the failing one is not written, as with serde's derive.
        assert_eq!(String::from_utf8(written).unwrap(), r#"{"before":1,"broken":"#);
    }

    #[test]
    fn checks_name_the_field_and_the_rule() {
        assert!(check_pattern("code", Some("1234"), r"^\d+$").is_ok());
        assert!(check_pattern("code", None, r"^\d+$").is_ok());
        let error = check_pattern("code", Some("12a4"), r"^\d+$").unwrap_err();
        assert_eq!(error.to_string(), r"invalid request: `code` must match the pattern `^\d+$`");
        assert_eq!(
            check_length("name", Some(""), Some(1), None).unwrap_err().rule,
            "must be at least 1 characters long, not 0"
        );
        assert_eq!(
            check_range("limit", Some(0.0), Some(1.0), Some(500.0)).unwrap_err().rule,
            "must be at least 1, not 0"
        );
        assert!(check_range("limit", Some(500.0), Some(1.0), Some(500.0)).is_ok());
        assert!(check_at_least_one(&[("acs_user_id", false), ("user_identity_id", true)]).is_ok());
        let none = check_at_least_one(&[("acs_user_id", false), ("user_identity_id", false)]).unwrap_err();
        assert_eq!(none.to_string(), "invalid request: `acs_user_id` or one of `user_identity_id` must be given");
        assert!(check_exclusive(&[("acs_user_id", true), ("user_identity_id", false)]).is_ok());
        let both = check_exclusive(&[("acs_user_id", true), ("user_identity_id", true)]).unwrap_err();
        assert_eq!(both.to_string(), "invalid request: `user_identity_id` cannot be given together with `acs_user_id`: give only one of `acs_user_id`, `user_identity_id`");
    }

    struct Method {
        code: String,
    }

    impl Validate for Method {
        fn validate(&self) -> Result<(), ValidationError> {
            check_pattern("code", Some(&self.code), r"^\d+$")
        }
    }

    #[test]
    fn nested_values_and_items_are_named_by_their_path() {
        let methods = [Method { code: "1".to_owned() }, Method { code: "x".to_owned() }];
        let error = check_each("access_methods", &methods, |method| check_nested("", method)).unwrap_err();
        assert_eq!(error.field, "access_methods[1].code");
        let error = check_nested("method", &Box::new(Method { code: "x".to_owned() })).unwrap_err();
        assert_eq!(error.field, "method.code");
        let grid = [vec!["1".to_owned()], vec!["2".to_owned(), "b".to_owned()]];
        let error =
            check_each("grid", &grid, |row| check_each("", row, |cell| check_pattern("", Some(cell), r"^\d+$")))
                .unwrap_err();
        assert_eq!(error.field, "grid[1][1]");
        assert_eq!(check_items("ids", 0, Some(1), None).unwrap_err().rule, "must have at least 1 item, not 0");
        assert_eq!(check_items("ids", 3, None, Some(2)).unwrap_err().rule, "must have at most 2 items, not 3");
        assert!(check_items("ids", 2, Some(1), Some(2)).is_ok());
        let by_room = std::collections::BTreeMap::from([
            ("hall".to_owned(), Method { code: "1".to_owned() }),
            ("kitchen".to_owned(), Method { code: "k".to_owned() }),
        ]);
        let error = check_values("methods", &by_room, |method| check_nested("", method)).unwrap_err();
        assert_eq!(error.field, "methods.kitchen.code");
        let error = check_values("", &by_room, |method| check_nested("", method)).unwrap_err();
        assert_eq!(error.field, "kitchen.code", "a struct's own additional properties");
    }
}
