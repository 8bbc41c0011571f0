//! Which structs check themselves before a request is sent: those that requests hold (at any depth,
//! in fields and lists) and that have a constraint to check, in their own fields or in what the
//! fields hold. An operation's own request type is checked by the operation, so it is not marked.

use crate::model::{Field, Model, TypeId, TypeKind, TypeRef};
use std::collections::BTreeSet;

pub fn mark(model: &mut Model) {
    let requests: BTreeSet<TypeId> =
        model.all_groups().iter().flat_map(|group| group.operations.iter().map(|o| o.request_type)).collect();
    let reached = reached_from(model, &requests);
    // A struct needs checks when a field of its own has one, or holds a struct that needs them;
    // recursion makes this a fixed point, reached from below.
    let mut needs: BTreeSet<TypeId> = BTreeSet::new();
    loop {
        let before = needs.len();
        for id in &reached {
            if let TypeKind::Struct(s) = &model.ty(*id).kind {
                let own_rules = !s.exclusive.is_empty() || !s.at_least_one.is_empty();
                if own_rules || s.fields.iter().any(|field| field_is_checked(model, field, &needs)) {
                    needs.insert(*id);
                }
            }
        }
        if needs.len() == before {
            break;
        }
    }
    for id in needs.difference(&requests) {
        if let TypeKind::Struct(s) = &mut model.types[id.0 as usize].kind {
            s.validate = true;
        }
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
        TypeRef::Vec(item) => holds_checked(model, item, needs),
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

/// Every type that `roots` hold in their fields, by value or in lists, through aliases, the roots
/// included. Not what unions and maps hold: their checks are not generated (see the README).
fn reached_from(model: &Model, roots: &BTreeSet<TypeId>) -> BTreeSet<TypeId> {
    let mut reached = BTreeSet::new();
    let mut pending: Vec<TypeId> = roots.iter().copied().collect();
    while let Some(id) = pending.pop() {
        if !reached.insert(id) {
            continue;
        }
        let TypeKind::Struct(s) = &model.ty(id).kind else { continue };
        for field in &s.fields {
            let mut ty = resolve_alias(model, field.ty.inner());
            while let TypeRef::Vec(inner) = ty {
                ty = resolve_alias(model, inner);
            }
            if let TypeRef::Named(id) = ty {
                pending.push(*id);
            }
        }
    }
    reached
}
