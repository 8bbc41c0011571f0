//! Recursive types: a struct that contains itself by value (directly or through other types) has
//! infinite size. This pass puts exactly the fields and variants that close such a cycle in a `Box`;
//! fields behind a `Vec` or a map are already indirect and stay as they are.

use crate::model::{Group, Model, TypeDef, TypeKind, TypeRef};
use std::collections::BTreeMap;

/// A type's module path and name.
pub(crate) type Key = (Vec<String>, String);

pub fn box_recursive_fields(model: &mut Model) {
    // Struct fields first: boxing them breaks every cycle that passes through a struct. Union variants
    // are boxed only for cycles that remain (a union that holds itself through unions alone).
    let mut ids: BTreeMap<Key, usize> = BTreeMap::new();
    visit(model, &mut |module, def| {
        let next = ids.len();
        ids.entry((module.to_vec(), def.name.clone())).or_insert(next);
    });
    let mut decisions: BTreeMap<Key, Vec<bool>> = BTreeMap::new();
    for unions in [false, true] {
        // The graph of by-value containment, without the fields already boxed.
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
        visit(model, &mut |module, def| {
            let owner = (module.to_vec(), def.name.clone());
            let boxed = decisions.get(&owner);
            let from = ids[&owner];
            for (index, target) in by_value_targets(&def.kind).into_iter().enumerate() {
                let already_boxed = boxed.is_some_and(|b| b.get(index).copied().unwrap_or(false));
                if let (false, Some(&to)) = (already_boxed, ids.get(&target)) {
                    edges[from].push(to);
                }
            }
        });
        // An edge closes a cycle exactly when both ends are in the same strongly connected component.
        let component = strongly_connected_components(&edges);
        let in_cycle = |owner: usize, ty: &TypeRef| {
            by_value(ty)
                .and_then(|target| ids.get(&target))
                .is_some_and(|&target| component[target] == component[owner])
        };
        let mut found: Vec<(Key, Vec<bool>)> = Vec::new();
        visit(model, &mut |module, def| {
            let key = (module.to_vec(), def.name.clone());
            let owner = ids[&key];
            let boxed = match (&def.kind, unions) {
                (TypeKind::Struct(s), false) => s.fields.iter().map(|f| in_cycle(owner, f.ty.inner())).collect(),
                (TypeKind::TaggedUnion { variants, .. }, true) => {
                    variants.iter().map(|v| in_cycle(owner, &v.ty)).collect()
                }
                (TypeKind::UntaggedUnion { variants }, true) => {
                    variants.iter().map(|v| in_cycle(owner, &v.ty)).collect()
                }
                _ => return,
            };
            found.push((key, boxed));
        });
        decisions.extend(found);
    }
    apply(model, &decisions);
}

/// Tarjan's algorithm: the component of every node, iteratively so that deep graphs cannot overflow the stack.
fn strongly_connected_components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let count = edges.len();
    let (mut index, mut low, mut component) = (vec![UNVISITED; count], vec![0; count], vec![UNVISITED; count]);
    let (mut on_stack, mut stack, mut next_index, mut next_component) = (vec![false; count], Vec::new(), 0, 0);
    for root in 0..count {
        if index[root] != UNVISITED {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[node] == UNVISITED {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == UNVISITED {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

/// The named type a field holds by value, if any (an `Option` is by value too; a `Vec` or map is not).
pub(crate) fn by_value(ty: &TypeRef) -> Option<Key> {
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
        TypeKind::TaggedUnion { variants, .. } => {
            variants.iter().map(|v| by_value(&v.ty).unwrap_or_else(nowhere)).collect()
        }
        TypeKind::UntaggedUnion { variants } => {
            variants.iter().map(|v| by_value(&v.ty).unwrap_or_else(nowhere)).collect()
        }
        TypeKind::Alias(ty) => by_value(ty).into_iter().collect(),
        TypeKind::Enum { .. } => Vec::new(),
    }
}

/// Every type definition of the model with its module path, the root group's (`operations`) included.
pub(crate) fn visit(model: &Model, f: &mut impl FnMut(&[String], &TypeDef)) {
    for def in &model.types {
        f(&["types".to_owned()], def);
    }
    fn groups<'g>(list: impl IntoIterator<Item = &'g Group>, f: &mut impl FnMut(&[String], &TypeDef)) {
        for group in list {
            let module = group.module_path();
            for def in &group.types {
                f(&module, def);
            }
            groups(&group.subgroups, f);
        }
    }
    groups(model.groups.iter().chain([&model.root]), f);
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
    visit_mut(model, &mut |module, def| apply_def(module, def, decisions));
}

/// [`visit`], mutably.
pub(crate) fn visit_mut(model: &mut Model, f: &mut impl FnMut(&[String], &mut TypeDef)) {
    for def in &mut model.types {
        f(&["types".to_owned()], def);
    }
    fn groups<'g>(list: impl IntoIterator<Item = &'g mut Group>, f: &mut impl FnMut(&[String], &mut TypeDef)) {
        for group in list {
            let module = group.module_path();
            for def in &mut group.types {
                f(&module, def);
            }
            groups(&mut group.subgroups, f);
        }
    }
    groups(model.groups.iter_mut().chain([&mut model.root]), f);
}

#[cfg(test)]
mod tests {
    use super::strongly_connected_components;

    #[test]
    fn components_group_exactly_the_cycles() {
        // 0 -> 1 -> 2 -> 0 is a cycle; 3 -> 3 holds itself; 4 -> 0 and 5 stand alone.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0], vec![]];
        let c = strongly_connected_components(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[5] != c[0] && c[4] != c[5]);
    }
}
