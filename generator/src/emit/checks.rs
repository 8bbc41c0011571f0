//! What a request checks before it is sent: each field's constraints (through aliases, into list
//! items and into the structs it holds), and the rules across fields (`x-mutually-exclusive`,
//! `x-at-least-one`). An operation's request checks in its `Operation::validate`; a struct a
//! request holds, in its `wire::Validate` impl.

use super::{ident, Context};
use crate::model::{Constraints, Field, FieldType, Name, Struct, TypeDef, TypeKind, TypeRef};
use crate::validation::resolve_alias;
use proc_macro2::TokenStream;
use quote::quote;

/// The statements checking a struct's fields and its rules across fields, each ending in `?;`.
/// `body` is the field of a request that holds the body: what it holds is named from the body
/// (`doses[1].vet`), as the server names it, not from the Rust field.
pub(super) fn struct_checks(def: &Struct, body: Option<&str>, cx: &Context) -> Vec<TokenStream> {
    let mut checks: Vec<TokenStream> = def
        .fields
        .iter()
        .flat_map(|field| field_checks(field, if body == Some(field.name.as_str()) { "" } else { &field.wire }, cx))
        .collect();
    if let Some((additional, values)) = &def.additional {
        let additional = ident(additional);
        let map = quote!(&self.#additional);
        if let Some(check) = each_check((quote!(crate::wire::check_values), "value"), "", &map, values, None, cx) {
            checks.push(quote!(#check?;));
        }
    }
    let presence = |names: &Vec<crate::model::Name>| {
        let pairs = names.iter().filter_map(|name| def.fields.iter().find(|f| &f.name == name)).map(|field| {
            let wire = &field.wire;
            let name = ident(&field.name);
            let present = match &field.ty {
                FieldType::OptionalNullable(_) => quote!(!self.#name.is_absent()),
                _ => quote!(self.#name.is_some()),
            };
            quote!((#wire, #present))
        });
        quote!(&[#(#pairs),*])
    };
    checks.extend(def.exclusive.iter().map(|names| {
        let pairs = presence(names);
        quote!(crate::wire::check_exclusive(#pairs)?;)
    }));
    checks.extend(def.at_least_one.iter().map(|names| {
        let pairs = presence(names);
        quote!(crate::wire::check_at_least_one(#pairs)?;)
    }));
    checks
}

/// `impl wire::Validate` for a type that requests hold, when the model marked it: a struct checks its
/// fields, a union the variant it holds, a map-like struct its additional values.
pub(super) fn validate_impl(name: &proc_macro2::Ident, def: &TypeDef, cx: &Context) -> Option<TokenStream> {
    if !def.validate {
        return None;
    }
    // A match on the variant held, an arm for each variant with something to check.
    let variant_match = |variants: Vec<(&Name, &TypeRef, &Constraints)>, open: bool| {
        let mut unchecked = open;
        let arms: Vec<TokenStream> = variants
            .into_iter()
            .filter_map(|(variant, ty, constraints)| {
                let checks = value_checks(&quote!(value), ty, constraints, "", cx);
                unchecked |= checks.is_empty();
                let variant = ident(variant);
                (!checks.is_empty()).then(|| quote!(Self::#variant(value) => { #(#checks?;)* }))
            })
            .collect();
        let rest = unchecked.then(|| quote!(_ => {}));
        vec![quote! {
            match self {
                #(#arms)*
                #rest
            }
        }]
    };
    let checks = match &def.kind {
        TypeKind::Struct(s) => struct_checks(s, None, cx),
        TypeKind::TaggedUnion { variants, .. } => {
            let none = Constraints::default();
            variant_match(variants.iter().map(|v| (&v.name, &v.ty, &none)).collect(), true)
        }
        TypeKind::UntaggedUnion { variants } => {
            variant_match(variants.iter().map(|v| (&v.name, &v.ty, &v.constraints)).collect(), false)
        }
        TypeKind::Enum { .. } | TypeKind::Alias(_) => return None,
    };
    Some(quote! {
        impl crate::wire::Validate for #name {
            fn validate(&self) -> ::std::result::Result<(), crate::ValidationError> {
                #(#checks)*
                ::std::result::Result::Ok(())
            }
        }
    })
}

/// Calls to the runtime's checks for one field, by the field's type and constraints, reported as
/// `wire`.
fn field_checks(field: &Field, wire: &str, cx: &Context) -> Vec<TokenStream> {
    let constraints = &field.constraints;
    let name = ident(&field.name);
    let mut checks = Vec::new();
    let inner = resolve_alias(cx.model, field.ty.inner());
    if *inner == TypeRef::String {
        let value = match &field.ty {
            FieldType::Required(_) => quote!(::std::option::Option::Some(self.#name.as_str())),
            _ => quote!(self.#name.as_deref()),
        };
        if let Some(pattern) = &constraints.pattern {
            checks.push(quote!(crate::wire::check_pattern(#wire, #value, #pattern)?;));
        }
        if constraints.min_length.is_some() || constraints.max_length.is_some() {
            let min = option_tokens(constraints.min_length);
            let max = option_tokens(constraints.max_length);
            checks.push(quote!(crate::wire::check_length(#wire, #value, #min, #max)?;));
        }
    }
    if *inner == TypeRef::DateTime {
        let value = match &field.ty {
            FieldType::Required(_) => quote!(::std::option::Option::Some(&self.#name)),
            _ => quote!(self.#name.as_ref()),
        };
        checks.push(quote!(crate::wire::check_date_time(#wire, #value)?;));
    }
    let numeric = matches!(inner, TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64);
    if numeric && (constraints.minimum.is_some() || constraints.maximum.is_some()) {
        let value = match &field.ty {
            FieldType::Required(_) => quote!(::std::option::Option::Some(self.#name as f64)),
            FieldType::OptionalNullable(_) => quote!(self.#name.as_ref().map(|value| *value as f64)),
            _ => quote!(self.#name.map(|value| value as f64)),
        };
        let min = option_tokens(constraints.minimum);
        let max = option_tokens(constraints.maximum);
        checks.push(quote!(crate::wire::check_range(#wire, #value, #min, #max)?;));
    }
    // Lists, maps and nested types: checked on the value when it is there.
    if matches!(inner, TypeRef::Vec(_) | TypeRef::Map(_) | TypeRef::Named(_)) {
        let value_checks = value_checks(&quote!(value), inner, constraints, wire, cx);
        if !value_checks.is_empty() {
            checks.push(match &field.ty {
                FieldType::Required(_) => quote! {
                    let value = &self.#name;
                    #(#value_checks?;)*
                },
                FieldType::RequiredNullable(_) | FieldType::Optional(_) => quote! {
                    if let ::std::option::Option::Some(value) = &self.#name {
                        #(#value_checks?;)*
                    }
                },
                FieldType::OptionalNullable(_) => quote! {
                    if let crate::Nullable::Value(value) = &self.#name {
                        #(#value_checks?;)*
                    }
                },
            });
        }
    }
    checks
}

/// Expressions checking `value` (a reference to a value of `ty`), each a `Result<(), ValidationError>`
/// whose error names `field`: an item's checks name no field, and the list's check names its index.
fn value_checks(
    value: &TokenStream,
    ty: &TypeRef,
    constraints: &Constraints,
    field: &str,
    cx: &Context,
) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    match resolve_alias(cx.model, ty) {
        TypeRef::String => {
            if let Some(pattern) = &constraints.pattern {
                checks.push(
                    quote!(crate::wire::check_pattern(#field, ::std::option::Option::Some(#value.as_str()), #pattern)),
                );
            }
            if constraints.min_length.is_some() || constraints.max_length.is_some() {
                let min = option_tokens(constraints.min_length);
                let max = option_tokens(constraints.max_length);
                checks.push(
                    quote!(crate::wire::check_length(#field, ::std::option::Option::Some(#value.as_str()), #min, #max)),
                );
            }
        }
        TypeRef::DateTime => {
            checks.push(quote!(crate::wire::check_date_time(#field, ::std::option::Option::Some(#value))));
        }
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
            if constraints.minimum.is_some() || constraints.maximum.is_some() =>
        {
            let min = option_tokens(constraints.minimum);
            let max = option_tokens(constraints.maximum);
            checks.push(
                quote!(crate::wire::check_range(#field, ::std::option::Option::Some(*#value as f64), #min, #max)),
            );
        }
        TypeRef::Named(id) if cx.model.ty(*id).validate => {
            checks.push(quote!(crate::wire::check_nested(#field, #value)));
        }
        TypeRef::Map(values) => {
            checks.extend(each_check(
                (quote!(crate::wire::check_values), "value"),
                field,
                value,
                values,
                constraints.items.as_deref(),
                cx,
            ));
        }
        TypeRef::Vec(item) => {
            if constraints.min_items.is_some() || constraints.max_items.is_some() {
                let min = option_tokens(constraints.min_items);
                let max = option_tokens(constraints.max_items);
                checks.push(quote!(crate::wire::check_items(#field, #value.len(), #min, #max)));
            }
            checks.extend(each_check(
                (quote!(crate::wire::check_each), "item"),
                field,
                value,
                item,
                constraints.items.as_deref(),
                cx,
            ));
        }
        _ => {}
    }
    checks
}

/// `check` (the runtime's `check_each` or `check_values`) running the checks of each item of the
/// list or value of the map `value`, when they have any; the closure's argument is `held_name`.
fn each_check(
    (check, held_name): (TokenStream, &str),
    field: &str,
    value: &TokenStream,
    held: &TypeRef,
    constraints: Option<&Constraints>,
    cx: &Context,
) -> Option<TokenStream> {
    let none = Constraints::default();
    let binding = proc_macro2::Ident::new(held_name, proc_macro2::Span::call_site());
    let held_checks = value_checks(&quote!(#binding), held, constraints.unwrap_or(&none), "", cx);
    (!held_checks.is_empty()).then(|| {
        quote! {
            #check(#field, #value, |#binding| {
                #(#held_checks?;)*
                ::std::result::Result::Ok(())
            })
        }
    })
}

pub(super) fn option_tokens<T: Bound>(value: Option<T>) -> TokenStream {
    match value {
        Some(value) => {
            let value = value.literal();
            quote!(::std::option::Option::Some(#value))
        }
        None => quote!(::std::option::Option::None),
    }
}

/// A constraint's bound, written without a suffix (`Some(4)`, not `Some(4usize)`): the check's
/// parameter types it, and the call then fits on one line.
pub(super) trait Bound {
    fn literal(self) -> proc_macro2::Literal;
}

impl Bound for usize {
    fn literal(self) -> proc_macro2::Literal {
        proc_macro2::Literal::usize_unsuffixed(self)
    }
}

impl Bound for f64 {
    fn literal(self) -> proc_macro2::Literal {
        if self.is_finite() {
            proc_macro2::Literal::f64_unsuffixed(self)
        } else {
            proc_macro2::Literal::f64_suffixed(self)
        }
    }
}
