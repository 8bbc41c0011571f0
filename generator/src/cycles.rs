//! Recursive types: a struct that contains itself by value (directly or through other types) has
//! infinite size. This pass puts exactly the fields and variants that close such a cycle in a `Box`;
//! fields behind a `Vec` or a map are already indirect and stay as they are.

use crate::model::{Group, Model, TypeDef, TypeKind, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

type Key = (Vec<String>, String);

pub fn box_recursive_fields(model: &mut Model) {
    // Struct fields first: boxing them breaks every cycle that passes through a struct. Union variants
    // are boxed only for cycles that remain (a union that holds itself through unions alone).
    let mut decisions: BTreeMap<Key, Vec<bool>> = BTreeMap::new();
    for unions in [false, true] {
        let mut edges: BTreeMap<Key, Vec<Key>> = BTreeMap::new();
        visit(model, &mut |module, def| {
            let owner = (module.to_vec(), def.name.clone());
            let boxed = decisions.get(&owner);
            let targets = by_value_targets(&def.kind)
                .into_iter()
                .enumerate()
                .filter(|(index, _)| !boxed.is_some_and(|b| b.get(*index).copied().unwrap_or(false)))
                .map(|(_, target)| target)
                .collect();
            edges.insert(owner, targets);
        });
        let reaches = |from: &Key, to: &Key| -> bool {
            let mut seen = BTreeSet::new();
            let mut stack = vec![from.clone()];
            while let Some(key) = stack.pop() {
                if &key == to {
                    return true;
                }
                if seen.insert(key.clone()) {
                    stack.extend(edges.get(&key).into_iter().flatten().cloned());
                }
            }
            false
        };
        let in_cycle = |owner: &Key, ty: &TypeRef| by_value(ty).is_some_and(|target| reaches(&target, owner));
        let mut found: Vec<(Key, Vec<bool>)> = Vec::new();
        visit(model, &mut |module, def| {
            let owner = (module.to_vec(), def.name.clone());
            let boxed = match (&def.kind, unions) {
                (TypeKind::Struct(s), false) => s.fields.iter().map(|f| in_cycle(&owner, f.ty.inner())).collect(),
                (TypeKind::TaggedUnion { variants, .. }, true) => variants.iter().map(|v| in_cycle(&owner, &v.ty)).collect(),
                (TypeKind::UntaggedUnion { variants }, true) => variants.iter().map(|v| in_cycle(&owner, &v.ty)).collect(),
                _ => return,
            };
            found.push((owner, boxed));
        });
        decisions.extend(found);
    }
    apply(model, &decisions);
}

/// The named type a field holds by value, if any (an `Option` is by value too; a `Vec` or map is not).
fn by_value(ty: &TypeRef) -> Option<Key> {
    match ty {
        TypeRef::Named { module, name } => Some((module.clone(), name.clone())),
        _ => None,
    }
}

/// The types a definition holds by value, one entry per field or variant (in order, so that an index
/// matches a boxing decision); entries that are not named types point nowhere.
fn by_value_targets(kind: &TypeKind) -> Vec<Key> {
    let nowhere = || (Vec::new(), String::new());
    match kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| by_value(f.ty.inner()).unwrap_or_else(nowhere)).collect(),
        TypeKind::TaggedUnion { variants, .. } => variants.iter().map(|v| by_value(&v.ty).unwrap_or_else(nowhere)).collect(),
        TypeKind::UntaggedUnion { variants } => variants.iter().map(|v| by_value(&v.ty).unwrap_or_else(nowhere)).collect(),
        TypeKind::Alias(ty) => by_value(ty).into_iter().collect(),
        TypeKind::Enum { .. } => Vec::new(),
    }
}

fn visit(model: &Model, f: &mut impl FnMut(&[String], &TypeDef)) {
    for def in &model.types {
        f(&["types".to_owned()], def);
    }
    fn groups(list: &[Group], f: &mut impl FnMut(&[String], &TypeDef)) {
        for group in list {
            let module: Vec<String> = group.path.iter().map(|s| crate::naming::snake_ident(s)).collect();
            for def in &group.types {
                f(&module, def);
            }
            groups(&group.subgroups, f);
        }
    }
    groups(&model.groups, f);
}

fn apply(model: &mut Model, decisions: &BTreeMap<Key, Vec<bool>>) {
    fn apply_def(module: &[String], def: &mut TypeDef, decisions: &BTreeMap<Key, Vec<bool>>) {
        let Some(boxed) = decisions.get(&(module.to_vec(), def.name.clone())) else { return };
        match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().zip(boxed).for_each(|(f, b)| f.boxed = *b),
            TypeKind::TaggedUnion { variants, .. } => variants.iter_mut().zip(boxed).for_each(|(v, b)| v.boxed = *b),
            TypeKind::UntaggedUnion { variants } => variants.iter_mut().zip(boxed).for_each(|(v, b)| v.boxed = *b),
            TypeKind::Enum { .. } | TypeKind::Alias(_) => {}
        }
    }
    fn groups(list: &mut [Group], decisions: &BTreeMap<Key, Vec<bool>>) {
        for group in list {
            let module: Vec<String> = group.path.iter().map(|s| crate::naming::snake_ident(s)).collect();
            for def in &mut group.types {
                apply_def(&module, def, decisions);
            }
            groups(&mut group.subgroups, decisions);
        }
    }
    for def in &mut model.types {
        apply_def(&["types".to_owned()], def, decisions);
    }
    groups(&mut model.groups, decisions);
}
