//! Which structs are `#[non_exhaustive]`: an API adds fields all the time, and a struct literal in a
//! caller's code breaks on each one. Callers build requests with `new` and setters, and never build
//! what only answers hold, so those structs are marked; a struct that a request reaches and that has
//! no constructor stays open, since a struct literal is the only way to build it.

use crate::cycles::{by_value, visit, visit_mut, Key};
use crate::model::{Group, Model, TypeKind, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

pub fn mark(model: &mut Model) {
    let mut kinds: BTreeMap<Key, TypeKind> = BTreeMap::new();
    visit(model, &mut |module, def| {
        kinds.insert((module.to_vec(), def.name.clone()), def.kind.clone());
    });
    // What requests reach: every request type, and what its fields and variants hold, transitively.
    let mut pending: Vec<Key> = Vec::new();
    let mut groups: Vec<&Group> = model.groups.iter().chain([&model.root]).collect();
    while let Some(group) = groups.pop() {
        let module = group.module_path();
        pending.extend(group.operations.iter().map(|operation| (module.clone(), operation.request.clone())));
        groups.extend(&group.subgroups);
    }
    let mut reached: BTreeSet<Key> = BTreeSet::new();
    while let Some(key) = pending.pop() {
        if !reached.insert(key.clone()) {
            continue;
        }
        let Some(kind) = kinds.get(&key) else { continue };
        let mut held: Vec<&TypeRef> = Vec::new();
        match kind {
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
    visit_mut(model, &mut |module, def| {
        if let TypeKind::Struct(s) = &mut def.kind {
            s.non_exhaustive = s.builder || !reached.contains(&(module.to_vec(), def.name.clone()));
        }
    });
}

/// The named type inside lists and maps.
fn innermost(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Vec(inner) | TypeRef::Map(inner) => innermost(inner),
        other => other,
    }
}
