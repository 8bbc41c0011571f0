//! Which structs are `#[non_exhaustive]`: an API adds fields all the time, and a struct literal in a
//! caller's code breaks on each one. Callers build requests with `new` and setters, and never build
//! what only answers hold, so those structs are marked; a struct that a request reaches and that has
//! no constructor stays open, since a struct literal is the only way to build it.
//!
//! And which structs only requests hold: the bindings never read those, so they are not decoded.

use crate::cycles::by_value;
use crate::model::{Model, Payload, ResponseType, TypeId, TypeKind, TypeRef};
use std::collections::BTreeSet;

pub fn mark(model: &mut Model) {
    // What requests reach: every request type, and what its fields and variants hold, transitively.
    let requests = model.all_groups().into_iter().flat_map(|group| group.operations.iter().map(|op| op.request_type));
    let sent = reach(model, requests.collect());
    // What is read: answers (also those the operation holds as a bare type, such as `Vec<Pet>`), errors,
    // any type outside requests, and every union's variants, which the union's `Deserialize` needs
    // even where only requests hold the union.
    let mut answers: Vec<TypeId> = (0..model.types.len() as u32).map(TypeId).filter(|id| !sent.contains(id)).collect();
    for operation in model.all_groups().into_iter().flat_map(|group| &group.operations) {
        let mut read: Vec<&TypeRef> = Vec::new();
        match &operation.response {
            ResponseType::Defined(id) => answers.push(*id),
            ResponseType::Type(ty) => read.push(ty),
            ResponseType::ByStatus { variants, .. } => read.extend(variants.iter().filter_map(|v| match &v.payload {
                Payload::Json(ty) => Some(ty),
                Payload::Text | Payload::Bytes | Payload::Empty => None,
            })),
            ResponseType::Unit | ResponseType::Text | ResponseType::Bytes => {}
        }
        read.extend(operation.errors.iter().flat_map(|errors| errors.variants.iter().filter_map(|v| v.body.as_ref())));
        read.extend(operation.pagination.iter().map(|pagination| &pagination.item));
        answers.extend(read.into_iter().filter_map(|ty| by_value(innermost(ty))));
    }
    for def in &model.types {
        match &def.kind {
            TypeKind::TaggedUnion { variants, .. } => {
                answers.extend(variants.iter().filter_map(|variant| by_value(innermost(&variant.ty))))
            }
            TypeKind::UntaggedUnion { variants } => {
                answers.extend(variants.iter().filter_map(|variant| by_value(innermost(&variant.ty))))
            }
            TypeKind::Struct(_) | TypeKind::Enum { .. } | TypeKind::Alias(_) => {}
        }
    }
    let read = reach(model, answers);
    for (index, def) in model.types.iter_mut().enumerate() {
        let id = TypeId(index as u32);
        if let TypeKind::Struct(s) = &mut def.kind {
            s.non_exhaustive = s.builder || !sent.contains(&id);
            s.request_only = !read.contains(&id);
        }
    }
}

/// The types `roots` are, and what their fields and variants hold, transitively.
fn reach(model: &Model, mut pending: Vec<TypeId>) -> BTreeSet<TypeId> {
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
    reached
}

/// The named type inside lists and maps.
fn innermost(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Vec(inner) | TypeRef::Map(inner) => innermost(inner),
        other => other,
    }
}
