//! Recursive types: a struct that contains itself by value (directly or through other types) has
//! infinite size. This pass puts exactly the fields and variants that close such a cycle in a `Box`;
//! fields behind a `Vec` or a map are already indirect and stay as they are.

use crate::model::{Model, TypeId, TypeKind, TypeRef};
use std::collections::BTreeMap;

pub fn box_recursive_fields(model: &mut Model) {
    // Struct fields first: boxing them breaks every cycle that passes through a struct. Union variants
    // are boxed only for cycles that remain (a union that holds itself through unions alone).
    let mut decisions: BTreeMap<TypeId, Vec<bool>> = BTreeMap::new();
    for unions in [false, true] {
        // The graph of by-value containment, without the fields already boxed; a type's node is its id.
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); model.types.len()];
        for (from, def) in model.types.iter().enumerate() {
            let boxed = decisions.get(&TypeId(from as u32));
            for (index, target) in by_value_targets(&def.kind).into_iter().enumerate() {
                let already_boxed = boxed.is_some_and(|b| b.get(index).copied().unwrap_or(false));
                if let (false, Some(to)) = (already_boxed, target) {
                    edges[from].push(to.0 as usize);
                }
            }
        }
        // An edge closes a cycle exactly when both ends are in the same strongly connected component.
        let component = strongly_connected_components(&edges);
        let in_cycle = |owner: usize, ty: &TypeRef| {
            by_value(ty).is_some_and(|target| component[target.0 as usize] == component[owner])
        };
        for (owner, def) in model.types.iter().enumerate() {
            let boxed = match (&def.kind, unions) {
                (TypeKind::Struct(s), false) => s.fields.iter().map(|f| in_cycle(owner, f.ty.inner())).collect(),
                (TypeKind::TaggedUnion { variants, .. }, true) => {
                    variants.iter().map(|v| in_cycle(owner, &v.ty)).collect()
                }
                (TypeKind::UntaggedUnion { variants }, true) => {
                    variants.iter().map(|v| in_cycle(owner, &v.ty)).collect()
                }
                _ => continue,
            };
            decisions.insert(TypeId(owner as u32), boxed);
        }
    }
    for (id, boxed) in decisions {
        match &mut model.types[id.0 as usize].kind {
            TypeKind::Struct(s) => s.fields.iter_mut().zip(boxed).for_each(|(f, b)| f.boxed = b),
            TypeKind::TaggedUnion { variants, .. } => variants.iter_mut().zip(boxed).for_each(|(v, b)| v.boxed = b),
            TypeKind::UntaggedUnion { variants } => variants.iter_mut().zip(boxed).for_each(|(v, b)| v.boxed = b),
            TypeKind::Enum { .. } | TypeKind::Alias(_) => {}
        }
    }
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
pub(crate) fn by_value(ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Named(id) => Some(*id),
        _ => None,
    }
}

/// The types a definition holds by value, one entry per field or variant (in order, so that an index
/// matches a boxing decision); `None` for entries that are not named types.
fn by_value_targets(kind: &TypeKind) -> Vec<Option<TypeId>> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| by_value(f.ty.inner())).collect(),
        TypeKind::TaggedUnion { variants, .. } => variants.iter().map(|v| by_value(&v.ty)).collect(),
        TypeKind::UntaggedUnion { variants } => variants.iter().map(|v| by_value(&v.ty)).collect(),
        TypeKind::Alias(ty) => vec![by_value(ty)],
        TypeKind::Enum { .. } => Vec::new(),
    }
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
