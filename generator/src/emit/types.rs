//! Structs, open enums, tagged unions and aliases.

use super::{docs, ident, type_path, Context};
use crate::model::{
    EnumVariant, Field, FieldType, ModuleId, Struct, TypeDef, TypeKind, TypeRef, UnionVariant, UntaggedVariant,
};
use proc_macro2::TokenStream;
use quote::quote;

/// The shared schemas' file; `cx` is in their module.
pub fn module_file(cx: &Context) -> TokenStream {
    let definitions = cx.model.types_of(ModuleId::TYPES).map(|def| definition(def, cx));
    let object_support = object_support(ModuleId::TYPES, cx);
    quote! {
        #![allow(deprecated)]
        #object_support
        #(#definitions)*
    }
}

/// The names `object!` and `request_object!` expand to, imported once for a module's file that has
/// any: an import in each expansion, resolved once per struct, cost 1.7% of the Seam bindings'
/// rebuild. They all start with `__`, which no generated name does.
pub fn object_support(module: ModuleId, cx: &Context) -> Option<TokenStream> {
    let any = cx.model.types_of(module).any(|def| matches!(&def.kind, TypeKind::Struct(s) if s.additional.is_none()));
    any.then(|| {
        quote!(
            use crate::wire::object_support::*;
        )
    })
}

pub fn definition(def: &TypeDef, cx: &Context) -> TokenStream {
    let docs = docs::attributes(&def.docs);
    let name = ident(&def.name);
    let validate = super::checks::validate_impl(&name, def, cx);
    let definition = match &def.kind {
        TypeKind::Struct(fields) => structure(&docs, &name, fields, cx),
        TypeKind::Enum { variants, unknown } => open_enum(&docs, &name, variants, unknown),
        TypeKind::TaggedUnion { tag, variants, unknown } => tagged_union(&docs, &name, tag, variants, unknown, cx),
        TypeKind::UntaggedUnion { variants } => untagged_union(&docs, &name, variants, cx),
        TypeKind::Alias(ty) => {
            let ty = type_path(ty, cx);
            quote! {
                #docs
                pub type #name = #ty;
            }
        }
    };
    quote!(#definition #validate)
}

/// The Rust type of a value, in a `Box` when it closes a cycle of types.
fn boxed_type(ty: &TypeRef, boxed: bool, cx: &Context) -> TokenStream {
    let path = type_path(ty, cx);
    if boxed {
        quote!(::std::boxed::Box<#path>)
    } else {
        path
    }
}

pub(super) fn field_type(ty: &FieldType, boxed: bool, cx: &Context) -> TokenStream {
    let inner = boxed_type(ty.inner(), boxed, cx);
    match ty {
        FieldType::Required(_) => inner,
        FieldType::RequiredNullable(_) | FieldType::Optional(_) => quote!(::std::option::Option<#inner>),
        FieldType::OptionalNullable(_) => quote!(crate::Nullable<#inner>),
    }
}

/// A value expression of a parameter, boxed when the field is.
fn boxed_value(value: TokenStream, boxed: bool) -> TokenStream {
    if boxed {
        quote!(::std::boxed::Box::new(#value))
    } else {
        value
    }
}

fn structure(docs: &TokenStream, name: &proc_macro2::Ident, def: &Struct, cx: &Context) -> TokenStream {
    let all_optional = def.fields.iter().all(|f| !f.ty.is_required());
    // Derive macros live in their own namespace: a schema named `Debug` or `Default` cannot shadow them.
    let default: Vec<TokenStream> = all_optional.then(|| quote!(Default)).into_iter().collect();
    let fields = def.fields.iter().map(|field| {
        let docs = docs::attributes(&field.docs);
        let name = ident(&field.name);
        let ty = field_type(&field.ty, field.boxed, cx);
        // Also for raw identifiers: `object!` names a field on the wire by its identifier.
        let rename = (field.name != field.wire).then(|| {
            let wire = &field.wire;
            quote!(#[serde(rename = #wire)])
        });
        let presence = match &field.ty {
            FieldType::Optional(_) => {
                let is_none = cx.is_none_path();
                Some(quote!(#[serde(default, skip_serializing_if = #is_none)]))
            }
            FieldType::OptionalNullable(_) => {
                Some(quote!(#[serde(default, skip_serializing_if = "crate::Nullable::is_absent")]))
            }
            FieldType::Required(_) | FieldType::RequiredNullable(_) => None,
        };
        quote! {
            #docs
            #rename
            #presence
            pub #name: #ty,
        }
    });
    let additional = def.additional.as_ref().map(|(field, value)| {
        let field = ident(field);
        let value = type_path(value, cx);
        quote! {
            /// Properties beyond the declared ones (`additionalProperties`).
            #[serde(flatten)]
            pub #field: ::std::collections::BTreeMap<::std::string::String, #value>,
        }
    });
    let builder = def.builder.then(|| builder(name, def, cx));
    let non_exhaustive = def.non_exhaustive.then(|| quote!(#[non_exhaustive]));
    // What only requests hold is written and never read: no `Deserialize`.
    let (marker, derives) = match additional {
        // A struct that collects additional properties needs serde's `flatten`, which only the
        // derive has.
        Some(_) => {
            let deserialize = (!def.request_only).then(|| quote!(, ::serde::Deserialize));
            (None, quote!(#[derive(Debug, Clone, PartialEq, #(#default,)* ::serde::Serialize #deserialize)]))
        }
        // `object!` derives `Debug`, `Clone` and `PartialEq` and writes smaller serde impls than the
        // derive.
        None => {
            let wrapper = if def.request_only { "crate::wire::request_object" } else { "crate::wire::object" };
            (Some(wrapped_in(wrapper)), quote!(#(#[derive(#default)])*))
        }
    };
    quote! {
        #marker
        #docs
        #derives
        #non_exhaustive
        pub struct #name {
            #(#fields)*
            #additional
        }
        #builder
    }
}

/// A constructor taking the required fields and a chainable setter per optional field, so that a
/// required field cannot be forgotten and optional ones need not be spelled out.
fn builder(name: &proc_macro2::Ident, def: &Struct, cx: &Context) -> TokenStream {
    let required: Vec<&Field> = def.fields.iter().filter(|f| f.ty.is_required()).collect();
    let params = required.iter().map(|field| {
        let name = ident(&field.name);
        match &field.ty {
            FieldType::Required(TypeRef::String) => quote!(#name: impl ::std::convert::Into<::std::string::String>),
            FieldType::Required(TypeRef::DateTime) => quote!(#name: impl ::std::convert::Into<crate::DateTime>),
            ty => {
                let ty = field_type(ty, false, cx);
                quote!(#name: #ty)
            }
        }
    });
    let inits = def.fields.iter().map(|field| {
        let name = ident(&field.name);
        match &field.ty {
            FieldType::Required(TypeRef::String | TypeRef::DateTime) => quote!(#name: #name.into(),),
            FieldType::Required(_) if field.boxed => quote!(#name: ::std::boxed::Box::new(#name),),
            FieldType::RequiredNullable(_) if field.boxed => quote!(#name: #name.map(::std::boxed::Box::new),),
            FieldType::Required(_) | FieldType::RequiredNullable(_) => quote!(#name,),
            FieldType::Optional(_) => quote!(#name: ::std::option::Option::None,),
            FieldType::OptionalNullable(_) => quote!(#name: crate::Nullable::Absent,),
        }
    });
    let additional = def.additional.as_ref().map(|(field, _)| {
        let field = ident(field);
        quote!(#field: ::std::collections::BTreeMap::new(),)
    });
    let too_many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let setters = def.fields.iter().filter(|f| !f.ty.is_required()).map(|field| setter(field, cx));
    let constructor_doc = if required.is_empty() {
        " Creates a request with every field left out; set fields with the methods of the same name."
    } else {
        " Creates a request from its required fields; set optional fields with the methods of the same name."
    };
    quote! {
        impl #name {
            #[doc = #constructor_doc]
            #too_many
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* #additional }
            }
            #(#setters)*
        }
    }
}

fn setter(field: &Field, cx: &Context) -> TokenStream {
    let name = ident(&field.name);
    let bare = field.name.trim_start_matches("r#");
    let summary = format!(" Sets [`{bare}`](#structfield.{bare}).");
    let hidden = field.docs.hidden.then(|| quote!(#[doc(hidden)]));
    let deprecated = field.docs.deprecated.as_ref().map(|note| {
        if note.is_empty() {
            quote!(#[deprecated])
        } else {
            quote!(#[deprecated(note = #note)])
        }
    });
    let (param, value) = match &field.ty {
        FieldType::Optional(TypeRef::String) => (
            quote!(impl ::std::convert::Into<::std::string::String>),
            quote!(::std::option::Option::Some(#name.into())),
        ),
        FieldType::Optional(TypeRef::DateTime) => {
            (quote!(impl ::std::convert::Into<crate::DateTime>), quote!(::std::option::Option::Some(#name.into())))
        }
        FieldType::Optional(TypeRef::Vec(item)) if **item == TypeRef::String => (
            quote!(impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<::std::string::String>>),
            quote!(::std::option::Option::Some(#name.into_iter().map(::std::convert::Into::into).collect())),
        ),
        FieldType::Optional(ty) => {
            let value = boxed_value(quote!(#name), field.boxed);
            let ty = type_path(ty, cx);
            (quote!(#ty), quote!(::std::option::Option::Some(#value)))
        }
        FieldType::OptionalNullable(ty) if field.boxed => {
            let ty = type_path(ty, cx);
            (quote!(::std::option::Option<#ty>), quote!(::std::convert::Into::into(#name.map(::std::boxed::Box::new))))
        }
        FieldType::OptionalNullable(ty) => {
            let ty = type_path(ty, cx);
            (quote!(impl ::std::convert::Into<crate::Nullable<#ty>>), quote!(#name.into()))
        }
        FieldType::Required(_) | FieldType::RequiredNullable(_) => unreachable!("setters are for optional fields"),
    };
    quote! {
        #[doc = #summary]
        #hidden
        #deprecated
        pub fn #name(mut self, #name: #param) -> Self {
            self.#name = #value;
            self
        }
    }
}

/// The marker of an item that the writer wraps in an invocation of the runtime's macro `path`
/// (see `write::wrap_marked_items`): the item is formatted as ordinary Rust, then wrapped.
fn wrapped_in(path: &str) -> TokenStream {
    quote!(#[seam_codegen::wrap_in(#path)])
}

fn open_enum(docs: &TokenStream, name: &proc_macro2::Ident, variants: &[EnumVariant], unknown: &str) -> TokenStream {
    debug_assert_eq!(unknown, crate::naming::UNKNOWN_VARIANT, "the runtime's `open_enum!` expects `Unknown`");
    let marker = wrapped_in("crate::wire::open_enum");
    let names: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let wires: Vec<&str> = variants.iter().map(|v| v.wire.as_str()).collect();
    // The macro documents each variant with its value, and the catch-all.
    quote! {
        #marker
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#names = #wires,)*
        }
    }
}

fn tagged_union(
    docs: &TokenStream,
    name: &proc_macro2::Ident,
    tag: &str,
    variants: &[UnionVariant],
    unknown: &str,
    cx: &Context,
) -> TokenStream {
    debug_assert_eq!(unknown, crate::naming::UNKNOWN_VARIANT, "the runtime's `tagged_union!` expects `Unknown`");
    let marker = wrapped_in("crate::wire::tagged_union");
    let names: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let tag_values: Vec<&str> = variants.iter().map(|v| v.tag_value.as_str()).collect();
    // `Box<T>` decodes and encodes as `T`: a boxed variant needs nothing else.
    let types = variants.iter().map(|v| boxed_type(&v.ty, v.boxed, cx));
    // The macro adds the tag value to each variant's docs, and how variants are told apart.
    let variant_docs = variants.iter().map(|v| docs::attributes(&v.docs));
    quote! {
        #marker
        #[tag = #tag]
        #docs
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum #name {
            #(
                #variant_docs
                #names(#types) = #tag_values,
            )*
        }
    }
}

fn untagged_union(
    docs: &TokenStream,
    name: &proc_macro2::Ident,
    variants: &[UntaggedVariant],
    cx: &Context,
) -> TokenStream {
    let names: Vec<_> = variants.iter().map(|v| ident(&v.name)).collect();
    let labels: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    let types: Vec<_> = variants.iter().map(|v| boxed_type(&v.ty, v.boxed, cx)).collect();
    let decoded: Vec<TokenStream> = variants.iter().map(|v| boxed_value(quote!(decoded), v.boxed)).collect();
    let variant_docs = variants.iter().map(|v| {
        let mut docs = v.docs.clone();
        if !v.consts.is_empty() {
            let consts: Vec<String> = v.consts.iter().map(|(key, value)| format!("`{key}: {value}`")).collect();
            docs.notes.push(format!("Matches when {}.", consts.join(" and ")));
        }
        docs::attributes(&docs)
    });
    let consts = variants.iter().map(|v| {
        let pairs = v.consts.iter().map(|(key, value)| quote!((#key, #value)));
        quote!(&[#(#pairs),*])
    });
    let type_name = name.to_string();
    quote! {
        #docs
        ///
        /// Decoding tries the variants in this order; the first whose listed constants match and that
        /// decodes wins. If none does, the error says why each one failed.
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum #name {
            #(
                #variant_docs
                #names(#types),
            )*
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#names(value) => ::serde::Serialize::serialize(value, serializer),)*
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let mut attempts = crate::wire::Branches::new(#type_name, &value);
                #(
                    if let ::std::option::Option::Some(decoded) = attempts.attempt(#labels, #consts) {
                        return ::std::result::Result::Ok(Self::#names(#decoded));
                    }
                )*
                ::std::result::Result::Err(attempts.no_match())
            }
        }
    }
}
