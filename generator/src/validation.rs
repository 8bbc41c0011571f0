//! Which types check themselves before a request is sent: those that requests hold (at any depth,
//! in fields, lists, maps' values and unions' variants) and that have a constraint to check, in their
//! own fields or in what they hold. An operation's own request type is checked by the operation, so it is not marked.

use crate::model::{Field, Model, TypeId, TypeKind, TypeRef};
use std::collections::BTreeSet;

pub fn mark(model: &mut Model) {
    let requests: BTreeSet<TypeId> =
        model.all_groups().iter().flat_map(|group| group.operations.iter().map(|o| o.request_type)).collect();
    let reached = reached_from(model, &requests);
    // A type needs checks when a field of its own has one, or it holds (in a field, a variant or a
    // map's values) a type that needs them; recursion makes this a fixed point, reached from below.
    let mut needs: BTreeSet<TypeId> = BTreeSet::new();
    loop {
        let before = needs.len();
        for id in &reached {
            let checked = match &model.ty(*id).kind {
                TypeKind::Struct(s) => {
                    let own_rules = !s.exclusive.is_empty() || !s.at_least_one.is_empty();
                    own_rules
                        || s.fields.iter().any(|field| field_is_checked(model, field, &needs))
                        || s.additional.as_ref().is_some_and(|(_, values)| holds_checked(model, values, &needs))
                }
                TypeKind::TaggedUnion { variants, .. } => {
                    variants.iter().any(|variant| holds_checked(model, &variant.ty, &needs))
                }
                TypeKind::UntaggedUnion { variants } => variants
                    .iter()
                    .any(|variant| !variant.constraints.is_empty() || holds_checked(model, &variant.ty, &needs)),
                TypeKind::Enum { .. } | TypeKind::Alias(_) => false,
            };
            if checked {
                needs.insert(*id);
            }
        }
        if needs.len() == before {
            break;
        }
    }
    for id in needs.difference(&requests) {
        model.types[id.0 as usize].validate = true;
    }
}

/// Whether a field has something to check: a constraint, a date-time (text that is not RFC 3339
/// fails before sending), or a struct inside that needs checks.
pub(crate) fn field_is_checked(model: &Model, field: &Field, needs: &BTreeSet<TypeId>) -> bool {
    !field.constraints.is_empty() || holds_checked(model, field.ty.inner(), needs)
}

fn holds_checked(model: &Model, ty: &TypeRef, needs: &BTreeSet<TypeId>) -> bool {
    match resolve_alias(model, ty) {
        TypeRef::DateTime => true,
        TypeRef::Named(id) => needs.contains(id),
        TypeRef::Vec(item) | TypeRef::Map(item) => holds_checked(model, item, needs),
        _ => false,
    }
}

/// The type behind any aliases (`pub type Pin = String`), as far as a chain of aliases goes.
pub(crate) fn resolve_alias<'m>(model: &'m Model, ty: &'m TypeRef) -> &'m TypeRef {
    let mut current = ty;
    for _ in 0..model.types.len() + 1 {
        match current {
            TypeRef::Named(id) => match &model.ty(*id).kind {
                TypeKind::Alias(inner) => current = inner,
                _ => return current,
            },
            _ => return current,
        }
    }
    current
}

/// Every type that `roots` hold in their fields, variants and maps' values, by value or in lists,
/// through aliases, the roots included.
fn reached_from(model: &Model, roots: &BTreeSet<TypeId>) -> BTreeSet<TypeId> {
    let mut reached = BTreeSet::new();
    let mut pending: Vec<TypeId> = roots.iter().copied().collect();
    while let Some(id) = pending.pop() {
        if !reached.insert(id) {
            continue;
        }
        let held: Vec<&TypeRef> = match &model.ty(id).kind {
            TypeKind::Struct(s) => {
                s.fields.iter().map(|field| field.ty.inner()).chain(s.additional.as_ref().map(|(_, ty)| ty)).collect()
            }
            TypeKind::TaggedUnion { variants, .. } => variants.iter().map(|variant| &variant.ty).collect(),
            TypeKind::UntaggedUnion { variants } => variants.iter().map(|variant| &variant.ty).collect(),
            TypeKind::Enum { .. } | TypeKind::Alias(_) => Vec::new(),
        };
        for ty in held {
            let mut ty = resolve_alias(model, ty);
            while let TypeRef::Vec(inner) | TypeRef::Map(inner) = ty {
                ty = resolve_alias(model, inner);
            }
            if let TypeRef::Named(id) = ty {
                pending.push(*id);
            }
        }
    }
    reached
}
