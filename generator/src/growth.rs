//! Which structs are `#[non_exhaustive]`: an API adds fields all the time, and a struct literal in a
//! caller's code breaks on each one. Callers build requests with `new` and setters, and never build
//! what only answers hold, so those structs are marked; a struct that a request reaches and that has
//! no constructor stays open, since a struct literal is the only way to build it.

use crate::cycles::by_value;
use crate::model::{Model, TypeId, TypeKind, TypeRef};
use std::collections::BTreeSet;

pub fn mark(model: &mut Model) {
    // What requests reach: every request type, and what its fields and variants hold, transitively.
    let mut pending: Vec<TypeId> = model
        .all_groups()
        .into_iter()
        .flat_map(|group| group.operations.iter().map(|operation| operation.request_type))
        .collect();
    let mut reached: BTreeSet<TypeId> = BTreeSet::new();
    while let Some(id) = pending.pop() {
        if !reached.insert(id) {
            continue;
        }
        let mut held: Vec<&TypeRef> = Vec::new();
        match &model.ty(id).kind {
            TypeKind::Struct(s) => {
                held.extend(s.fields.iter().map(|field| field.ty.inner()));
                held.extend(s.additional.iter().map(|(_, value)| value));
            }
            TypeKind::TaggedUnion { variants, .. } => held.extend(variants.iter().map(|variant| &variant.ty)),
            TypeKind::UntaggedUnion { variants } => held.extend(variants.iter().map(|variant| &variant.ty)),
            TypeKind::Alias(ty) => held.push(ty),
            TypeKind::Enum { .. } => {}
        }
        pending.extend(held.into_iter().filter_map(|ty| by_value(innermost(ty))));
    }
    for (index, def) in model.types.iter_mut().enumerate() {
        if let TypeKind::Struct(s) = &mut def.kind {
            s.non_exhaustive = s.builder || !reached.contains(&TypeId(index as u32));
        }
    }
}

/// The named type inside lists and maps.
fn innermost(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Vec(inner) | TypeRef::Map(inner) => innermost(inner),
        other => other,
    }
}
